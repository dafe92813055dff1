# textra_module(NAME SOURCES a.cpp ... DEPS textra_x ... [PRIVATE_DEPS ...])
# Declares the static library textra_NAME whose public headers are under src/ (include as "NAME/header.h").
function(textra_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(textra_${name} STATIC ${ARG_SOURCES})
  target_include_directories(textra_${name} PUBLIC "${CMAKE_SOURCE_DIR}/src")
  target_link_libraries(textra_${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  set_property(GLOBAL APPEND PROPERTY TEXTRA_LIBRARIES textra_${name})
endfunction()

# textra_test(NAME SOURCES a_test.cpp ... LIBS textra_x ... [LABEL unit|integration])
# One GoogleTest executable; every test in it is registered with CTest under the label.
# "unit" tests also run in the sanitizer build; "integration" tests use real files, OCR, servers.
function(textra_test name)
  cmake_parse_arguments(ARG "" "LABEL" "SOURCES;LIBS" ${ARGN})
  if(NOT ARG_LABEL)
    set(ARG_LABEL unit)
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} textra_test_common GTest::gtest GTest::gtest_main)
  # The folders the tests need are compiled in (base/shared_paths, tests/common/test_support): an
  # ENVIRONMENT list here would be split at its semicolons by gtest_discover_tests and silently lost.
  # The one variable set is XDG_CACHE_HOME, so that textra processes started by tests (server, CLI) keep
  # their LLM prompt-cache files in the build tree instead of the user's ~/.cache.
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60
                       PROPERTIES LABELS ${ARG_LABEL} ENVIRONMENT "XDG_CACHE_HOME=${CMAKE_BINARY_DIR}/test-tmp/xdg-cache")
endfunction()
