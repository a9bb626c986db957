//===- Shapes.cpp - The benchmark shapes file -----------------------------===//
//
// Part of mlir-conv. See Shapes.h.
//
//===----------------------------------------------------------------------===//

#include "Shapes.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cctype>
#include <map>

using namespace mlir::conv;
using namespace mlir::conv::bench;

/// The integers after each letter key of a benchdnn descriptor such as
/// `g1mb1ic3ih224...ph3pw3n"name"`.
static std::map<std::string, int64_t> parseDescriptor(llvm::StringRef d) {
  std::map<std::string, int64_t> values;
  size_t i = 0;
  while (i < d.size() && d[i] != 'n') {
    size_t keyStart = i;
    while (i < d.size() && std::isalpha(d[i]))
      ++i;
    size_t numStart = i;
    while (i < d.size() && std::isdigit(d[i]))
      ++i;
    int64_t v = 0;
    if (numStart == i || keyStart == numStart ||
        d.slice(numStart, i).getAsInteger(10, v))
      break;
    values[d.slice(keyStart, numStart).str()] = v;
  }
  return values;
}

/// Reads `key=a,b,...` from `fields`.
static bool readList(llvm::ArrayRef<llvm::StringRef> fields,
                     llvm::StringRef key, size_t size,
                     llvm::SmallVectorImpl<int64_t> &out) {
  for (llvm::StringRef f : fields) {
    if (!f.consume_front(key) || !f.consume_front("="))
      continue;
    llvm::SmallVector<llvm::StringRef> parts;
    f.split(parts, ',');
    for (llvm::StringRef p : parts) {
      int64_t v;
      if (p.getAsInteger(10, v))
        return false;
      out.push_back(v);
    }
    return out.size() == size;
  }
  return false;
}

llvm::Expected<std::vector<Shape>>
mlir::conv::bench::readShapes(llvm::StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    return llvm::createStringError(buffer.getError(),
                                   path + ": " + buffer.getError().message());
  std::vector<Shape> shapes;
  llvm::SmallVector<llvm::StringRef> lines;
  (*buffer)->getBuffer().split(lines, '\n');
  for (llvm::StringRef line : lines) {
    line = line.trim();
    if (line.empty() || line.starts_with("#"))
      continue;
    llvm::SmallVector<llvm::StringRef> fields;
    line.split(fields, ' ', -1, /*KeepEmpty=*/false);
    auto v = parseDescriptor(fields[0]);
    llvm::SmallVector<int64_t, 4> pad, dil;
    Shape s;
    for (llvm::StringRef f : fields)
      if (f.consume_front("id="))
        s.id = f.str();
    if (!readList(fields, "pad", 4, pad) || !readList(fields, "dil", 2, dil) ||
        s.id.empty() || !v.count("ic") || !v.count("oc"))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     path + ": cannot parse: " + line);
    int64_t groups = v.count("g") ? v["g"] : 1;
    if (groups < 1 || v["ic"] % groups != 0)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     path + ": bad groups: " + line);
    s.geometry = ConvGeometry::fromShapes(
        {v["mb"], v["ih"], v["iw"], v["ic"]},
        {v["kh"], v["kw"], v["ic"] / groups, v["oc"]}, {v["sh"], v["sw"]}, dil,
        pad, groups, /*hasBias=*/false, InputLayout::NHWC, FilterLayout::HWIO);
    const ConvGeometry &g = s.geometry;
    if (g.outH() != v["oh"] || g.outW() != v["ow"])
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     path + ": output size mismatch: " + line);
    shapes.push_back(s);
  }
  return shapes;
}
