//===- NpyTest.cpp - Tests of the .npy reader and writer ------------------===//
//
// Part of mlir-conv. Round trips for every dtype, hand-made headers in the
// many spellings Python produces, malformed files, and a small mutation fuzz
// that must never crash.
//
//===----------------------------------------------------------------------===//

#include "mlir-conv/Runtime/Npy.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>

using namespace mlir::conv::runtime;

namespace {

/// A temporary directory removed at the end of the test.
class NpyTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("npy-test", dir));
  }
  void TearDown() override { llvm::sys::fs::remove_directories(dir); }

  /// The path of `name` inside the temporary directory.
  std::string path(llvm::StringRef name) const {
    llvm::SmallString<128> result(dir);
    llvm::sys::path::append(result, name);
    return std::string(result);
  }

  /// Writes `bytes` to `name` and returns its path.
  std::string writeBytes(llvm::StringRef name, llvm::StringRef bytes) {
    std::string file = path(name);
    std::error_code ec;
    llvm::raw_fd_ostream os(file, ec);
    EXPECT_FALSE(ec);
    os << bytes;
    return file;
  }

  llvm::SmallString<128> dir;
};

/// The bytes of a .npy file with header dict `dict` (padded to a multiple of
/// 64 like numpy unless `pad` is false) followed by `data`.
std::string makeNpy(llvm::StringRef dict, llvm::StringRef data,
                    unsigned major = 1, bool pad = true) {
  std::string header(dict);
  size_t preamble = major == 1 ? 10 : 12;
  if (pad)
    while ((preamble + header.size() + 1) % 64)
      header += ' ';
  header += '\n';
  std::string bytes("\x93NUMPY", 6);
  bytes += static_cast<char>(major);
  bytes += '\0';
  size_t length = header.size();
  bytes += static_cast<char>(length & 0xFF);
  bytes += static_cast<char>((length >> 8) & 0xFF);
  if (major != 1) {
    bytes += static_cast<char>((length >> 16) & 0xFF);
    bytes += static_cast<char>((length >> 24) & 0xFF);
  }
  return bytes + header + std::string(data);
}

/// The message of `result`'s error, or "" if it succeeded.
std::string errorOf(llvm::Expected<Tensor> result) {
  if (result)
    return "";
  return llvm::toString(result.takeError());
}

/// `n` bytes of f32 data counting 0, 1, 2, ...
std::string floatData(int n) {
  std::string bytes(static_cast<size_t>(n) * 4, '\0');
  for (int i = 0; i < n; ++i) {
    float v = static_cast<float>(i);
    std::memcpy(&bytes[static_cast<size_t>(i) * 4], &v, 4);
  }
  return bytes;
}

TEST_F(NpyTest, RoundTripEveryDType) {
  int seed = 0;
  for (DType dtype : {DType::F16, DType::BF16, DType::F32, DType::F64}) {
    for (const std::vector<int64_t> &shape : std::vector<std::vector<int64_t>>{
             {2, 3}, {5}, {}, {0, 3}, {1, 3, 4, 5}}) {
      Tensor original = Tensor::random(dtype, shape, ++seed);
      std::string file = path("t" + std::to_string(seed) + ".npy");
      ASSERT_FALSE(bool(writeNpy(file, original)));
      llvm::Expected<Tensor> read = readNpy(file);
      ASSERT_TRUE(bool(read)) << llvm::toString(read.takeError());
      EXPECT_EQ(read->dtype(), dtype);
      EXPECT_EQ(read->shape(), llvm::ArrayRef<int64_t>(shape));
      EXPECT_EQ(read->numElements(), original.numElements());
      ASSERT_EQ(read->sizeInBytes(), original.sizeInBytes());
      EXPECT_EQ(
          std::memcmp(read->data(), original.data(), original.sizeInBytes()),
          0);
    }
  }
}

TEST_F(NpyTest, WrittenHeaderLayout) {
  Tensor t(DType::BF16, {3});
  t.set(0, 1.0);
  std::string file = path("bf16.npy");
  ASSERT_FALSE(bool(writeNpy(file, t)));
  auto buffer = llvm::MemoryBuffer::getFile(file);
  ASSERT_TRUE(bool(buffer));
  llvm::StringRef bytes = (*buffer)->getBuffer();
  // 10 + 58 header characters + '\n' do not fit 64 bytes: data at 128.
  ASSERT_EQ(bytes.size(), 128u + 6);
  EXPECT_TRUE(bytes.starts_with(llvm::StringRef("\x93NUMPY\x01\x00", 8)));
  EXPECT_EQ(static_cast<unsigned char>(bytes[8]) +
                256 * static_cast<unsigned char>(bytes[9]),
            128 - 10);
  llvm::StringRef header = bytes.substr(10, 118);
  EXPECT_TRUE(header.starts_with(
      "{'descr': '<u2', 'fortran_order': False, 'shape': (3,), }"))
      << header.str();
  EXPECT_TRUE(header.ends_with(" \n"));
  // Little-endian bf16 bits of 1.0.
  EXPECT_EQ(static_cast<unsigned char>(bytes[128]), 0x80);
  EXPECT_EQ(static_cast<unsigned char>(bytes[129]), 0x3F);
}

TEST_F(NpyTest, ScalarAndEmptyShapesAreWrittenLikeNumpy) {
  std::string file = path("scalar.npy");
  ASSERT_FALSE(bool(writeNpy(file, Tensor(DType::F64, {}))));
  auto buffer = llvm::MemoryBuffer::getFile(file);
  ASSERT_TRUE(bool(buffer));
  EXPECT_TRUE((*buffer)->getBuffer().contains("'shape': (), }"));
  ASSERT_FALSE(bool(writeNpy(file, Tensor(DType::F32, {2, 3}))));
  buffer = llvm::MemoryBuffer::getFile(file);
  ASSERT_TRUE(bool(buffer));
  EXPECT_TRUE((*buffer)->getBuffer().contains("'shape': (2, 3), }"));
}

TEST_F(NpyTest, AcceptsPythonSpellings) {
  struct Case {
    const char *dict;
    std::vector<int64_t> shape;
  };
  Case cases[] = {
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", {2, 3}},
      {"{\"shape\":(6,),\"fortran_order\":False,\"descr\":\"<f4\"}", {6}},
      {"{ 'fortran_order' : False , 'shape' : ( 3 , 2 , ) , 'descr' : '<f4' "
       "}",
       {3, 2}},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (6L,)}", {6}},
      {"{'descr':'<f4','fortran_order':False,'shape':(1,1,1,6),}",
       {1, 1, 1, 6}},
      {"{'descr': '<f4',\n 'fortran_order': False,\t'shape': (6,)}", {6}},
  };
  for (const Case &c : cases) {
    llvm::Expected<Tensor> t = parseNpy("x.npy", makeNpy(c.dict, floatData(6)));
    ASSERT_TRUE(bool(t)) << c.dict << ": " << llvm::toString(t.takeError());
    EXPECT_EQ(t->dtype(), DType::F32);
    EXPECT_EQ(t->shape(), llvm::ArrayRef<int64_t>(c.shape)) << c.dict;
    EXPECT_EQ(t->get(5), 5.0);
  }
  // Unpadded headers, NUL padding and versions 2.0 and 3.0 are fine too.
  const char *dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (6,)}";
  EXPECT_EQ(errorOf(parseNpy("x.npy", makeNpy(dict, floatData(6), 1, false))),
            "");
  EXPECT_EQ(errorOf(parseNpy("x.npy",
                             makeNpy(std::string(dict) + std::string(5, '\0'),
                                     floatData(6)))),
            "");
  EXPECT_EQ(errorOf(parseNpy("x.npy", makeNpy(dict, floatData(6), 2))), "");
  EXPECT_EQ(errorOf(parseNpy("x.npy", makeNpy(dict, floatData(6), 3))), "");
}

TEST_F(NpyTest, ZeroDimensionalArray) {
  llvm::Expected<Tensor> t = parseNpy(
      "x.npy",
      makeNpy("{'descr': '<f8', 'fortran_order': False, 'shape': (), }",
              std::string("\0\0\0\0\0\0\xf0\x3f", 8)));
  ASSERT_TRUE(bool(t)) << llvm::toString(t.takeError());
  EXPECT_EQ(t->rank(), 0);
  EXPECT_EQ(t->numElements(), 1);
  EXPECT_EQ(t->get(0), 1.0);
}

TEST_F(NpyTest, DescrsMapToDTypes) {
  struct Case {
    const char *descr;
    DType dtype;
    size_t size;
  };
  for (Case c : {Case{"<f2", DType::F16, 2}, Case{"<u2", DType::BF16, 2},
                 Case{"<f4", DType::F32, 4}, Case{"<f8", DType::F64, 8}}) {
    std::string dict = std::string("{'descr': '") + c.descr +
                       "', 'fortran_order': False, 'shape': (2,), }";
    llvm::Expected<Tensor> t =
        parseNpy("x.npy", makeNpy(dict, std::string(2 * c.size, '\0')));
    ASSERT_TRUE(bool(t)) << llvm::toString(t.takeError());
    EXPECT_EQ(t->dtype(), c.dtype);
  }
  // `<u2` is bf16 whatever the hint says.
  Tensor t(DType::BF16, {1});
  t.set(0, -2.0);
  std::string file = path("hint.npy");
  ASSERT_FALSE(bool(writeNpy(file, t)));
  llvm::Expected<Tensor> read = readNpy(file, DType::BF16);
  ASSERT_TRUE(bool(read));
  EXPECT_EQ(read->dtype(), DType::BF16);
  EXPECT_EQ(read->get(0), -2.0);
}

/// Parses `bytes` as "x.npy" and returns the error message.
std::string parseError(const std::string &bytes) {
  return errorOf(parseNpy("x.npy", bytes));
}

/// The bytes of a valid-looking file with this shape tuple and descr.
std::string withShape(llvm::StringRef shape, llvm::StringRef descr = "<f4",
                      llvm::StringRef data = "") {
  return makeNpy(("{'descr': '" + descr + "', 'fortran_order': False, " +
                  "'shape': " + shape + ", }")
                     .str(),
                 data);
}

TEST_F(NpyTest, RejectsMalformedFiles) {
  std::string good = withShape("(2, 3)", "<f8", std::string(48, '\0'));
  ASSERT_EQ(parseError(good), "");

  EXPECT_EQ(parseError(""), "x.npy: not a .npy file (bad magic)");
  EXPECT_EQ(parseError("\x93NUM"), "x.npy: not a .npy file (bad magic)");
  EXPECT_EQ(parseError("PK\x03\x04 this is a zip"),
            "x.npy: not a .npy file (bad magic)");
  std::string badMagic = good;
  badMagic[1] = 'M';
  EXPECT_EQ(parseError(badMagic), "x.npy: not a .npy file (bad magic)");

  EXPECT_EQ(parseError(good.substr(0, 7)),
            "x.npy: truncated header: file ends before the version");
  EXPECT_EQ(parseError(good.substr(0, 9)),
            "x.npy: truncated header: file ends inside the header length");
  EXPECT_EQ(parseError(good.substr(0, 40)),
            "x.npy: truncated header: header length is 118 bytes, file has "
            "30");
  EXPECT_EQ(parseError(good.substr(0, 128 + 40)),
            "x.npy: truncated: header says 48 bytes of data, file has 40");
  std::string badVersion = good;
  badVersion[6] = 4;
  EXPECT_EQ(parseError(badVersion),
            "x.npy: unsupported .npy format version 4.0");

  EXPECT_EQ(parseError(withShape("(2,)", "<i4", std::string(8, '\0'))),
            "x.npy: unsupported dtype '<i4' (expected <f2, <f4, <f8 or <u2 "
            "for bf16 bits)");
  EXPECT_EQ(parseError(withShape("(2,)", "|u1", std::string(2, '\0'))),
            "x.npy: unsupported dtype '|u1' (expected <f2, <f4, <f8 or <u2 "
            "for bf16 bits)");
  EXPECT_EQ(parseError(withShape("(2,)", ">f4", std::string(8, '\0'))),
            "x.npy: unsupported dtype '>f4' (big-endian data is not "
            "supported; expected <f2, <f4, <f8 or <u2 for bf16 bits)");
  EXPECT_EQ(parseError(makeNpy("{'descr': '<f4', 'fortran_order': True, "
                               "'shape': (2, 2), }",
                               std::string(16, '\0'))),
            "x.npy: fortran_order arrays are not supported");

  EXPECT_EQ(parseError(withShape("(4294967296, 4294967296)")),
            "x.npy: shape has too many elements (overflows int64)");
  EXPECT_EQ(parseError(withShape("(4611686018427387904,)", "<f8")),
            "x.npy: shape has too many elements (overflows int64)");
  EXPECT_EQ(parseError(withShape("(1000000, 1000000)")),
            "x.npy: truncated: header says 4000000000000 bytes of data, file "
            "has 0");
  EXPECT_EQ(parseError(withShape("(99999999999999999999,)")),
            "x.npy: malformed header: integer does not fit int64");
  EXPECT_EQ(parseError(withShape("(2, -3)")),
            "x.npy: malformed header: negative dimension in 'shape'");
  EXPECT_EQ(parseError(withShape("(3)")),
            "x.npy: malformed header: '(n)' is not a tuple, write '(n,)'");
  EXPECT_EQ(parseError(withShape("[2, 3]")),
            "x.npy: malformed header: unexpected '[' at offset 50, expected a "
            "string, True, False, None or a tuple");
  EXPECT_EQ(parseError(withShape("(2 3)")),
            "x.npy: malformed header: unexpected '3' at offset 53, expected "
            "',' or ')'");
  EXPECT_EQ(parseError(makeNpy("{'descr': '<f4', 'shape': (1,), }", "")),
            "x.npy: malformed header: missing key 'fortran_order'");
  EXPECT_EQ(parseError(makeNpy("{'descr': '<f4', 'fortran_order': False, "
                               "'shape': (), 'extra': 1}",
                               "")),
            "x.npy: malformed header: unexpected key 'extra'");
  EXPECT_EQ(parseError(makeNpy("{'descr': '<f4', 'descr': '<f4', }", "")),
            "x.npy: malformed header: duplicate key 'descr'");
  EXPECT_EQ(parseError(makeNpy("{'descr': [('a', '<f4')], "
                               "'fortran_order': False, 'shape': (), }",
                               "")),
            "x.npy: malformed header: unexpected '[' at offset 10, expected a "
            "string, True, False, None or a tuple");
  EXPECT_EQ(parseError(makeNpy("{'descr': '<f4", "")),
            "x.npy: malformed header: unterminated string");
  EXPECT_EQ(parseError(makeNpy("{'descr': '<f4', 'fortran_order': False, "
                               "'shape': (), } junk",
                               "")),
            "x.npy: malformed header: unexpected 'j' at offset 56, expected "
            "the end of the header");
  EXPECT_EQ(parseError(makeNpy("{'descr': '<f4', 'fortran_order': 0, "
                               "'shape': (), }",
                               "")),
            "x.npy: malformed header: unexpected '0' at offset 34, expected a "
            "string, True, False, None or a tuple");
  EXPECT_EQ(parseError(makeNpy("{'descr': '<f4', 'fortran_order': Falsey, "
                               "'shape': (), }",
                               "")),
            "x.npy: malformed header: unexpected 'F' at offset 34, expected a "
            "string, True, False, None or a tuple");
  EXPECT_EQ(parseError(makeNpy("", "")),
            "x.npy: malformed header: unexpected end, expected '{'");
  // Non-printable bytes are escaped so the message stays on one line.
  EXPECT_EQ(parseError(withShape("(2,)", "<\n\xff", "")),
            "x.npy: unsupported dtype '<\\x0a\\xff' (expected <f2, <f4, <f8 or "
            "<u2 for bf16 bits)");
}

TEST_F(NpyTest, FileErrors) {
  std::string missing = path("missing.npy");
  llvm::Expected<Tensor> t = readNpy(missing);
  ASSERT_FALSE(bool(t));
  EXPECT_EQ(llvm::toString(t.takeError()),
            missing + ": cannot open: No such file or directory");

  std::string file = writeBytes("bad.npy", "hello");
  EXPECT_EQ(errorOf(readNpy(file)), file + ": not a .npy file (bad magic)");

  EXPECT_EQ(
      errorOf(readNpy(dir)).rfind(std::string(dir) + ": cannot open: ", 0), 0u);

  llvm::Error error =
      writeNpy(path("no/such/dir/x.npy"), Tensor(DType::F32, {}));
  ASSERT_TRUE(bool(error));
  EXPECT_NE(llvm::toString(std::move(error)).find("cannot open for writing"),
            std::string::npos);
}

TEST_F(NpyTest, MutatedAndTruncatedInputsNeverCrash) {
  std::string good = withShape("(2, 3)", "<f4", floatData(6));
  // Every strict prefix fails cleanly with a one-line message.
  for (size_t n = 0; n < good.size(); ++n) {
    std::string message = parseError(good.substr(0, n));
    ASSERT_NE(message, "") << n;
    ASSERT_EQ(message.find('\n'), std::string::npos) << message;
  }
  // Random byte mutations in the preamble and header.
  std::mt19937 rng(1234);
  const char alphabet[] =
      "{}()[],:'\" 0123456789-LTrueFalseNone<>|f2u4\n\0\xff";
  for (int iteration = 0; iteration < 20000; ++iteration) {
    std::string bytes = good;
    int edits = 1 + rng() % 4;
    for (int e = 0; e < edits; ++e) {
      size_t at = rng() % 128;
      switch (rng() % 4) {
      case 0:
        bytes[at] = static_cast<char>(rng());
        break;
      case 1:
        bytes[at] = alphabet[rng() % (sizeof(alphabet) - 1)];
        break;
      case 2:
        bytes.erase(at, 1 + rng() % 8);
        break;
      default:
        bytes.insert(at, 1, alphabet[rng() % (sizeof(alphabet) - 1)]);
        break;
      }
    }
    if (rng() % 4 == 0)
      bytes.resize(rng() % (bytes.size() + 1));
    llvm::Expected<Tensor> t = parseNpy("x.npy", bytes);
    if (!t) {
      std::string message = llvm::toString(t.takeError());
      ASSERT_EQ(message.rfind("x.npy: ", 0), 0u) << message;
      ASSERT_EQ(message.find('\n'), std::string::npos) << message;
      continue;
    }
    ASSERT_LE(t->sizeInBytes(), bytes.size());
  }
}

} // namespace
