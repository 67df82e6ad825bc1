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
}
