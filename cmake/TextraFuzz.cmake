# libFuzzer targets (scripts/fuzz; docs/testing.md). With -DTEXTRA_FUZZ=ON (clang only) every library is
# compiled with coverage instrumentation for libFuzzer plus ASan and UBSan; the fuzz targets are declared by
# the tests/**/fuzz/CMakeLists.txt files with textra_fuzz() and built together by `textra_fuzz_targets`, which
# builds only the libraries they link. Each target gets build-fuzz/fuzz/NAME and a seed folder
# build-fuzz/seeds/NAME; build-fuzz/fuzz_targets.txt lists "NAME MAX_LEN DICT" for scripts/fuzz.
option(TEXTRA_FUZZ "Build the libFuzzer targets (clang; see scripts/fuzz)" OFF)
if(NOT TEXTRA_FUZZ)
  return()
endif()
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "TEXTRA_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++")
endif()
# -O1 keeps the fuzzers fast while the sanitizers' reports stay readable; UB aborts (libFuzzer keeps the input).
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
                    -fno-omit-frame-pointer -O1 -g)
add_link_options(-fsanitize=address,undefined)
add_custom_target(textra_fuzz_targets)

# textra_fuzz(NAME SOURCES a.cpp ... LIBS textra_x ... [SEEDS file-or-glob ...] [MAX_SEEDS_PER_GLOB n]
#             [SEED_GENERATOR target args...] [MAX_LEN bytes] [DICT file])
# One libFuzzer executable. Its seed folder holds the SEEDS files (globs relative to the calling folder, or
# absolute such as "${TEXTRA_SHARED_DIR}/data/..."), at most MAX_SEEDS_PER_GLOB (default 40) per glob, copied
# at configure time, plus what SEED_GENERATOR (an executable target, run as `target args... SEED_DIR`)
# writes at each build. MAX_LEN (default 4096) and DICT (a libFuzzer dictionary) are passed on by scripts/fuzz.
function(textra_fuzz name)
  cmake_parse_arguments(ARG "" "MAX_SEEDS_PER_GLOB;MAX_LEN;DICT" "SOURCES;LIBS;SEEDS;SEED_GENERATOR" ${ARGN})
  if(NOT ARG_MAX_SEEDS_PER_GLOB)
    set(ARG_MAX_SEEDS_PER_GLOB 40)
  endif()
  if(NOT ARG_MAX_LEN)
    set(ARG_MAX_LEN 4096)
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} nlohmann_json::nlohmann_json)
  target_include_directories(${name} PRIVATE "${CMAKE_SOURCE_DIR}/tests/common")  # fuzz/fuzz_input.h
  target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/fuzz")
  add_dependencies(textra_fuzz_targets ${name})

  set(seed_dir "${CMAKE_BINARY_DIR}/seeds/${name}")
  file(REMOVE_RECURSE "${seed_dir}")
  file(MAKE_DIRECTORY "${seed_dir}")
  foreach(pattern IN LISTS ARG_SEEDS)
    file(GLOB files LIST_DIRECTORIES false "${pattern}")
    list(SORT files)
    list(LENGTH files count)
    if(count EQUAL 0)
      message(WARNING "textra_fuzz(${name}): no seed file matches ${pattern}")
      continue()
    endif()
    if(count GREATER ARG_MAX_SEEDS_PER_GLOB)
      list(SUBLIST files 0 ${ARG_MAX_SEEDS_PER_GLOB} files)
    endif()
    file(COPY ${files} DESTINATION "${seed_dir}")
  endforeach()
  if(ARG_SEED_GENERATOR)
    # Run at every build (it is quick): configuring empties the seed folder.
    add_custom_target(${name}_seeds COMMAND ${ARG_SEED_GENERATOR} "${seed_dir}" COMMENT "Writing the seeds of ${name}")
    add_dependencies(textra_fuzz_targets ${name}_seeds)
  endif()
  set(dict "-")
  if(ARG_DICT)
    get_filename_component(dict "${ARG_DICT}" ABSOLUTE)
  endif()
  set_property(GLOBAL APPEND PROPERTY TEXTRA_FUZZ_MANIFEST "${name} ${ARG_MAX_LEN} ${dict}")
endfunction()

# Declares every tests/**/fuzz/CMakeLists.txt and writes the list scripts/fuzz runs.
function(textra_fuzz_add_all)
  file(GLOB_RECURSE lists "${CMAKE_SOURCE_DIR}/tests/CMakeLists.txt")
  list(FILTER lists INCLUDE REGEX "/fuzz/CMakeLists.txt$")
  list(SORT lists)
  foreach(list_file IN LISTS lists)
    get_filename_component(dir "${list_file}" DIRECTORY)
    file(RELATIVE_PATH binary_dir "${CMAKE_SOURCE_DIR}" "${dir}")
    add_subdirectory("${dir}" "${CMAKE_BINARY_DIR}/${binary_dir}")
  endforeach()
  get_property(manifest GLOBAL PROPERTY TEXTRA_FUZZ_MANIFEST)
  list(JOIN manifest "\n" text)
  file(WRITE "${CMAKE_BINARY_DIR}/fuzz_targets.txt" "${text}\n")
endfunction()
