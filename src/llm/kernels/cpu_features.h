// What the CPU can run, as reported by CPUID *and* enabled by the operating system (XCR0), so a kernel
// variant is only chosen when its instructions will not fault. AMX is deliberately not detected: some
// virtual machines list it in CPUID yet fault on its instructions (see fixtures/llm/BASELINE.md).
#pragma once

#include <string>

namespace textra::llm {

struct CpuFeatures {
  bool avx2 = false;        // with FMA and F16C
  bool avx512 = false;      // F, BW, VL, DQ
  bool avx512_vnni = false;
  bool avx512_bf16 = false;
  bool avx_vnni = false;

  std::string describe() const;  // e.g. "AVX2 AVX512 AVX512_VNNI"
};

const CpuFeatures& cpu_features();

}  // namespace textra::llm
