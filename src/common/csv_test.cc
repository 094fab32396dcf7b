// Tests for the RFC 4180 CSV reader.
#include "common/csv.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace siak {
namespace {

using Fields = std::vector<std::string>;

// Reads every record; stops at the first error, which is returned in *error.
std::vector<CsvRecord> ReadAll(std::string_view data, Status* error) {
  CsvReader reader(data);
  std::vector<CsvRecord> out;
  CsvRecord rec;
  *error = Status::Ok();
  int guard = 0;
  while (reader.Next(&rec, error)) {
    if (!error->ok()) break;
    out.push_back(rec);
    if (++guard > 1000) {
      ADD_FAILURE() << "reader does not terminate";
      break;
    }
  }
  return out;
}

TEST(CsvReaderTest, PlainRecordsWithLineNumbers) {
  Status err;
  auto recs = ReadAll("code,name\n11,ACEH\n12,SUMATERA UTARA\n", &err);
  ASSERT_TRUE(err.ok()) << err.ToString();
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].fields, (Fields{"code", "name"}));
  EXPECT_EQ(recs[1].fields, (Fields{"11", "ACEH"}));
  EXPECT_EQ(recs[2].fields, (Fields{"12", "SUMATERA UTARA"}));
  EXPECT_EQ(recs[0].line, 1);
  EXPECT_EQ(recs[1].line, 2);
  EXPECT_EQ(recs[2].line, 3);
}

TEST(CsvReaderTest, LastRecordWithoutNewline) {
  Status err;
  auto recs = ReadAll("a,b\nc,d", &err);
  ASSERT_TRUE(err.ok());
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[1].fields, (Fields{"c", "d"}));
  EXPECT_EQ(recs[1].line, 2);
}

TEST(CsvReaderTest, EmptyInputHasNoRecords) {
  Status err;
  EXPECT_TRUE(ReadAll("", &err).empty());
  EXPECT_TRUE(err.ok());
}

TEST(CsvReaderTest, EmptyFields) {
  Status err;
  auto recs = ReadAll(",,\na,,b\n\n", &err);
  ASSERT_TRUE(err.ok());
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].fields, (Fields{"", "", ""}));
  EXPECT_EQ(recs[1].fields, (Fields{"a", "", "b"}));
  EXPECT_EQ(recs[2].fields, (Fields{""}));  // a blank line is one empty field
  EXPECT_EQ(recs[2].line, 3);
}

TEST(CsvReaderTest, QuotedFieldsWithCommasAndDoubledQuotes) {
  Status err;
  auto recs = ReadAll("\"a,b\",\"say \"\"hi\"\"\",\"\",plain\n", &err);
  ASSERT_TRUE(err.ok()) << err.ToString();
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].fields, (Fields{"a,b", "say \"hi\"", "", "plain"}));
}

TEST(CsvReaderTest, ApostrophesAndUtf8PassThrough) {
  Status err;
  auto recs = ReadAll("9171011001,Pasi Kuala Ba'u\n9171011002,\"Regapu\u2019u\"\n", &err);
  ASSERT_TRUE(err.ok());
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].fields[1], "Pasi Kuala Ba'u");
  EXPECT_EQ(recs[1].fields[1], "Regapu\u2019u");
}

TEST(CsvReaderTest, EmbeddedNewlineKeepsTextAndShiftsLineNumbers) {
  Status err;
  auto recs = ReadAll("h1,h2\n\"two\nlines\",x\n\"three\n\nlines\",y\nlast,z\n", &err);
  ASSERT_TRUE(err.ok()) << err.ToString();
  ASSERT_EQ(recs.size(), 4u);
  EXPECT_EQ(recs[1].fields, (Fields{"two\nlines", "x"}));
  EXPECT_EQ(recs[1].line, 2);
  EXPECT_EQ(recs[2].fields, (Fields{"three\n\nlines", "y"}));
  EXPECT_EQ(recs[2].line, 4);
  EXPECT_EQ(recs[3].fields, (Fields{"last", "z"}));
  EXPECT_EQ(recs[3].line, 7);
}

TEST(CsvReaderTest, CrLfLineEndings) {
  Status err;
  auto recs = ReadAll("a,b\r\nc,d\r\n\"e\r\nf\",g\r\nh,i", &err);
  ASSERT_TRUE(err.ok());
  ASSERT_EQ(recs.size(), 4u);
  EXPECT_EQ(recs[0].fields, (Fields{"a", "b"}));
  EXPECT_EQ(recs[1].fields, (Fields{"c", "d"}));
  EXPECT_EQ(recs[1].line, 2);
  EXPECT_EQ(recs[2].fields, (Fields{"e\r\nf", "g"}));  // inside quotes the text is kept as is
  EXPECT_EQ(recs[2].line, 3);
  EXPECT_EQ(recs[3].fields, (Fields{"h", "i"}));
  EXPECT_EQ(recs[3].line, 5);
}

TEST(CsvReaderTest, UnterminatedQuoteIsAnErrorNamingTheLine) {
  Status err;
  auto recs = ReadAll("a,b\nc,d\ne,\"never\nclosed\n", &err);
  ASSERT_FALSE(err.ok());
  EXPECT_EQ(recs.size(), 2u);
  EXPECT_EQ(err.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(err.location(), "line 3");
  EXPECT_EQ(err.rule(), "quoted field is never closed");
  EXPECT_NE(err.ToString().find("line 3"), std::string::npos) << err.ToString();
}

TEST(CsvReaderTest, TextAfterClosingQuoteIsAnErrorNamingTheLine) {
  Status err;
  auto recs = ReadAll("a\n\"multi\nline\",ok\n\"x\"y,z\n", &err);
  ASSERT_FALSE(err.ok());
  EXPECT_EQ(recs.size(), 2u);
  EXPECT_EQ(err.location(), "line 4");
  EXPECT_EQ(err.value(), "y");
  EXPECT_EQ(err.rule(), "no text may follow a closing quote");
}

TEST(CsvReaderTest, StopsAfterAnError) {
  CsvReader reader("\"x\"y\nnext,record\n");
  CsvRecord rec;
  Status err;
  EXPECT_TRUE(reader.Next(&rec, &err));
  EXPECT_FALSE(err.ok());
  EXPECT_FALSE(reader.Next(&rec, &err));
  EXPECT_TRUE(err.ok());
}

TEST(CsvReaderTest, NextReportsEndOfInput) {
  CsvReader reader("only\n");
  CsvRecord rec;
  Status err;
  ASSERT_TRUE(reader.Next(&rec, &err));
  EXPECT_TRUE(err.ok());
  EXPECT_EQ(rec.fields, (Fields{"only"}));
  EXPECT_FALSE(reader.Next(&rec, &err));
  EXPECT_FALSE(reader.Next(&rec, &err));
}

TEST(ReadFileTest, ReadsWholeFileAndReportsMissingOnes) {
  const std::string path = testing::TempDir() + "siak_csv_test_read_file.csv";
  const std::string content = std::string("a,b\r\n\"c\",d\n") + '\0' + "tail";
  {
    std::ofstream out(path, std::ios::binary);
    out << content;
  }
  auto r = ReadFile(path);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, content);
  std::remove(path.c_str());

  auto missing = ReadFile(path + ".does-not-exist");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.status().field(), "file");
}

}  // namespace
}  // namespace siak
