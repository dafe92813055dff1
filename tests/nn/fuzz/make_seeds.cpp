// Writes small ONNX models (tests/nn/onnx_writer.h) into the folder given as the only argument: the seed corpus
// of onnx_reader_fuzz, covering initializers, attributes of every type, Constant nodes and value infos.
#include <cstdio>
#include <fstream>
#include <string>

#include "onnx_writer.h"

using namespace textra::nn::testing;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: onnx_make_seeds SEED_DIR\n");
    return 2;
  }
  const std::string dir = argv[1];
  auto write = [&](const std::string& name, const std::string& bytes) {
    std::ofstream(dir + "/" + name, std::ios::binary) << bytes;
  };
  GraphSpec add;
  add.initializers = {tensor("b", {3}, {1, 2, 3})};
  add.nodes = {node("Add", {"x", "b"}, {"y"})};
  add.inputs = {value_info("x", {1, -1, 3})};
  add.outputs = {value_info("y", {1, -1, 3})};
  write("add.onnx", model(add));

  GraphSpec conv;
  conv.initializers = {tensor("w", {2, 1, 3, 3}, std::vector<float>(18, 0.5f)), tensor("s", {2}, {1, 2}),
                       tensor("t", {2}, {0, 1}), tensor("m", {2}, {0, 0}), tensor("v", {2}, {1, 1})};
  conv.nodes = {node("Conv", {"x", "w"}, {"c"},
                     {attr_ints("kernel_shape", {3, 3}), attr_ints("pads", {1, 1, 1, 1}), attr_int("group", 1)}),
                node("BatchNormalization", {"c", "s", "t", "m", "v"}, {"bn"}, {attr_float("epsilon", 1e-5f)}),
                node("HardSigmoid", {"bn"}, {"y"}, {attr_float("alpha", 0.2f)})};
  conv.inputs = {value_info("x", {1, 1, -1, -1})};
  conv.outputs = {value_info("y", {1, 2, -1, -1})};
  write("conv.onnx", model(conv, 11));

  GraphSpec shapes;
  shapes.nodes = {node("Constant", {}, {"idx"}, {attr_tensor("value", tensor("i", {}, {}, {1}))}),
                  node("Shape", {"x"}, {"s"}), node("Gather", {"s", "idx"}, {"n"}, {attr_int("axis", 0)}),
                  node("Unsqueeze", {"n"}, {"n1"}, {attr_ints("axes", {0})}),
                  node("Concat", {"n1", "n1"}, {"target"}, {attr_int("axis", 0)}),
                  node("Reshape", {"x", "target"}, {"y"})};
  shapes.inputs = {value_info("x", {-1, -1})};
  shapes.outputs = {value_info("y", {-1, -1})};
  write("shapes.onnx", model(shapes, 11));

  GraphSpec resize;
  resize.initializers = {tensor("roi", {0}, {}), tensor("scales", {4}, {1, 1, 2, 2})};
  resize.nodes = {node("Resize", {"x", "roi", "scales"}, {"y"},
                       {attr_string("mode", "nearest"), attr_string("coordinate_transformation_mode", "asymmetric"),
                        attr_string("nearest_mode", "floor")})};
  resize.inputs = {value_info("x", {1, 1, -1, -1})};
  resize.outputs = {value_info("y", {1, 1, -1, -1})};
  write("resize.onnx", model(resize, 11));
  return 0;
}
