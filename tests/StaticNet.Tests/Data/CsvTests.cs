namespace StaticNet.Tests.Data;

public class CsvTests
{
    private static Dataset Parse(string text, int? classes = 3) =>
        Csv.Parse(new StringReader(text), "test.csv", labelColumn: "label", classCount: classes);

    private static CsvFormatException Fails(string text, int? classes = 3) =>
        Assert.Throws<CsvFormatException>(() => Parse(text, classes));

    [Fact]
    public void Reads_features_and_labels_by_column_name()
    {
        Dataset data = Parse("a,label,b\n1.5,2,-3\n4,0,5e-1\n");
        Assert.Equal(2, data.Count);
        Assert.Equal(2, data.FeatureCount);
        Assert.Equal([1.5f, -3f, 4f, 0.5f], data.Features.ToArray());
        Assert.Equal([2f, 0f], data.Targets.ToArray());
        Assert.Equal(["a", "b"], data.FeatureNames);
        Assert.Equal(3, data.ClassCount);
    }

    [Fact]
    public void Reads_the_label_by_index_counting_from_the_end()
    {
        Dataset data = Csv.Parse(new StringReader("1,2,0\n3,4,1\n"), "x.csv", labelColumn: -1, classCount: 2, hasHeader: false);
        Assert.Equal([1f, 2f, 3f, 4f], data.Features.ToArray());
        Assert.Equal([0f, 1f], data.Targets.ToArray());
    }

    [Fact]
    public void Ragged_row_names_file_line_column_and_counts()
    {
        var error = Fails("a,b,label\n1,2,0\n3,4\n");
        Assert.Equal(("test.csv", 3, 4), (error.Source, error.Line, error.Column));
        Assert.StartsWith("test.csv(3,4): Row has 2 cells, expected 3", error.Message, StringComparison.Ordinal);

        error = Fails("a,b,label\n1,2,0,9\n");
        Assert.Equal((2, 7), (error.Line, error.Column));
        Assert.Contains("Row has 4 cells, expected 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_numeric_cell_names_its_column()
    {
        var error = Fails("a,b,label\n1,2,0\n1,abc,1\n");
        Assert.Equal((3, 3), (error.Line, error.Column));
        Assert.Equal("test.csv(3,3): Column 'b' holds 'abc', which is not a number.", error.Message);

        error = Fails("a,b,label\n1,,1\n");
        Assert.Contains("Column 'b' holds an empty cell", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e39")]
    public void Non_finite_values_are_refused(string cell)
    {
        var error = Fails($"a,b,label\n1,{cell},1\n");
        Assert.Equal((2, 3), (error.Line, error.Column));
        Assert.Contains($"Column 'b' holds '{cell}', which is not a finite number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_file_and_header_only_file_are_refused()
    {
        Assert.Equal("test.csv(1,1): The file is empty.", Fails("").Message);
        Assert.Equal("test.csv(2,1): The file is empty.", Fails("\n  \n").Message);
        Assert.Contains("header but no data rows", Fails("a,b,label\n").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3", "Label 3 in column 'label' is not a class index in 0..2.")]
    [InlineData("-1", "Label -1 in column 'label' is not a class index in 0..2.")]
    [InlineData("1.5", "Label 1.5 in column 'label' is not a class index in 0..2.")]
    public void Labels_outside_the_classes_are_refused(string label, string message)
    {
        var error = Fails($"a,b,label\n1,2,0\n1,2,{label}\n");
        Assert.Equal((3, 5), (error.Line, error.Column));
        Assert.Equal($"test.csv(3,5): {message}", error.Message);
    }

    [Fact]
    public void A_missing_label_column_lists_the_header()
    {
        var error = Assert.Throws<CsvFormatException>(() =>
            Csv.Parse(new StringReader("a,b,species\n1,2,0\n"), "iris.csv", labelColumn: "label", classCount: 3));
        Assert.Equal("iris.csv(1,1): No column is named 'label'; the header has 'a', 'b', 'species'.", error.Message);
    }

    [Fact]
    public void Loading_a_file_that_does_not_exist_says_where_it_looked()
    {
        var error = Assert.Throws<FileNotFoundException>(() => Csv.Load("no/such/file.csv", "label"));
        Assert.Contains("no/such/file.csv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loads_the_shipped_iris_file()
    {
        Dataset iris = Csv.Load(Path.Combine(AppContext.BaseDirectory, "Data", "iris.csv"), "species", classCount: 3);
        Assert.Equal(150, iris.Count);
        Assert.Equal(4, iris.FeatureCount);
        Assert.Equal([5.1f, 3.5f, 1.4f, 0.2f], iris.FeaturesOf(0).ToArray());
        Assert.Equal(2, iris.LabelOf(149));
        Assert.Equal([50, 50, 50], Enumerable.Range(0, 150).GroupBy(iris.LabelOf).Select(g => g.Count()));
    }

    [Fact]
    public void Rfc4180_quoting_is_read()
    {
        // A header with a quoted comma and doubled quotes, a quoted line break, CRLF line ends.
        string text = "\"width, cm\",\"the \"\"b\"\" column\",label\r\n\"1.5\",2,0\r\n3,\"4\",\"1\"\r\n";
        Dataset data = Csv.Parse(new StringReader(text), "q.csv", labelColumn: "label", classCount: 2);
        Assert.Equal(["width, cm", "the \"b\" column"], data.FeatureNames);
        Assert.Equal([1.5f, 2f, 3f, 4f], data.Features.ToArray());

        data = Csv.Parse(new StringReader("note,x,label\n\"two\nlines\",7,1\n\"\",8,0\n"), "q.csv", labelColumn: "label", classCount: 2, ignoreColumns: ["note"]);
        Assert.Equal([7f, 8f], data.Features.ToArray());
        Assert.Equal(["x"], data.FeatureNames);
    }

    [Fact]
    public void Positions_count_lines_inside_quoted_cells()
    {
        // The bad cell is on line 4: the quoted cell on line 2 spans two lines.
        var error = Assert.Throws<CsvFormatException>(() =>
            Csv.Parse(new StringReader("note,x,label\n\"a\nb\",1,0\nc,oops,1\n"), "q.csv", labelColumn: "label", classCount: 2, ignoreColumns: ["note"]));
        Assert.Equal((4, 3), (error.Line, error.Column));
        Assert.Contains("Column 'x' holds 'oops'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quote_left_open_or_text_after_a_closing_quote_is_refused()
    {
        var error = Fails("a,b,label\n1,\"2,0\n");
        Assert.Equal((2, 3), (error.Line, error.Column));
        Assert.Contains("not closed", error.Message, StringComparison.Ordinal);

        error = Fails("a,b,label\n1,\"2\"x,0\n");
        Assert.Equal((2, 6), (error.Line, error.Column));
        Assert.Contains("Unexpected 'x' after the closing quote", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a;b;label\n1,5;2;0\n3;4;1\n", "1,5")]
    [InlineData("a\tb\tlabel\n1.5\t2\t0\n3\t4\t1\n", null)]
    [InlineData("a,b,label\n1.5,2,0\n3,4,1\n", null)]
    public void The_delimiter_is_detected_from_the_header(string text, string? badCell)
    {
        if (badCell is not null)
        {
            // Semicolon-separated with decimal commas: detected as ';', then "1,5" is (correctly) not a number here.
            var error = Fails(text);
            Assert.Contains($"holds '{badCell}', which is not a number", error.Message, StringComparison.Ordinal);
            text = text.Replace("1,5", "1.5", StringComparison.Ordinal);
        }

        Dataset data = Parse(text);
        Assert.Equal([1.5f, 2f, 3f, 4f], data.Features.ToArray());
        Assert.Equal(["a", "b"], data.FeatureNames);
    }

    [Fact]
    public void A_single_column_names_the_delimiter_and_the_option()
    {
        var error = Assert.Throws<CsvFormatException>(() =>
            Csv.Parse(new StringReader("a|b|label\n1|2|0\n"), "p.csv", labelColumn: "label", classCount: 3));
        Assert.Contains("Found 1 column", error.Message, StringComparison.Ordinal);
        Assert.Contains("pass it as delimiter:", error.Message, StringComparison.Ordinal);
        Dataset data = Csv.Parse(new StringReader("a|b|label\n1|2|0\n"), "p.csv", labelColumn: "label", classCount: 3, delimiter: '|');
        Assert.Equal([1f, 2f], data.Features.ToArray());
    }

    [Fact]
    public void Ignored_columns_must_exist_and_cannot_be_the_label()
    {
        var error = Assert.Throws<CsvFormatException>(() =>
            Csv.Parse(new StringReader("id,a,label\n1,2,0\n"), "i.csv", labelColumn: "label", classCount: 3, ignoreColumns: ["ID"]));
        Assert.Contains("Cannot ignore 'ID': no column has that name; the header has 'id', 'a', 'label'.", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() =>
            Csv.Parse(new StringReader("id,a,label\n1,2,0\n"), "i.csv", labelColumn: "label", classCount: 3, ignoreColumns: ["label"]));
        Dataset data = Csv.Parse(new StringReader("id,a,label\nx-17,2,0\n"), "i.csv", labelColumn: "label", classCount: 3, ignoreColumns: ["id"]);
        Assert.Equal([2f], data.Features.ToArray());
    }

    [Fact]
    public void Duplicate_header_names_are_refused()
    {
        var error = Fails("label,a,label\n1,2,0\n");
        Assert.Equal((1, 9), (error.Line, error.Column));
        Assert.Contains("Columns 1 and 3 are both named 'label'; header names must be unique.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_cell_is_cut_in_the_message_and_control_characters_are_shown()
    {
        string huge = new('x', 10_000_000);
        var error = Fails($"a,b,label\n1,{huge},0\n");
        Assert.True(error.Message.Length < 300, $"{error.Message.Length} characters");
        Assert.Contains("xxxx… (10,000,000 characters)", error.Message, StringComparison.Ordinal);

        error = Fails("a,b,label\n1,1\0,0\n");
        Assert.Contains("Column 'b' holds '1\\u0000', which is not a number.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_or_an_unreadable_path_gets_its_own_message()
    {
        string directory = Directory.CreateTempSubdirectory("staticnet-csv-").FullName;
        try
        {
            var error = Assert.Throws<IOException>(() => Csv.Load(directory, "label"));
            Assert.Contains("is a directory, not a CSV file", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory);
        }
    }

    [Fact]
    public void Row_count_message_reads_as_english()
    {
        Assert.Contains("expected 3 (as in the header)", Fails("a,b,label\n1,2\n").Message, StringComparison.Ordinal);
        var error = Assert.Throws<CsvFormatException>(() => Csv.Parse(new StringReader("1,2,0\n1,2\n"), "x.csv", labelColumn: -1, classCount: 2, hasHeader: false));
        Assert.Contains("expected 3 (as in the first row)", error.Message, StringComparison.Ordinal);
    }
}
