using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using StaticNet.Tests.Networks;

namespace StaticNet.Tests.Hardening;

/// <summary>Messages read the same in every culture and stay readable for wide files; a CSV with a byte-order mark loads.</summary>
public partial class MessageTests
{
    [GeneratedRegex(@"\d,\d")]
    private static partial Regex DecimalComma();

    [Fact]
    public void Refusals_print_numbers_the_same_under_a_decimal_comma_culture()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        // A decimal-comma culture built by hand (as de-DE writes numbers): the test machine may run without ICU.
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        comma.NumberFormat.NumberGroupSeparator = ".";
        CultureInfo.CurrentCulture = comma;
        try
        {
            Assert.Equal("0,5", 0.5.ToString(CultureInfo.CurrentCulture)); // the culture does write a comma
            string[] messages =
            [
                Assert.ThrowsAny<ArgumentException>(() => new Adam(-0.5f)).Message,
                Assert.ThrowsAny<ArgumentException>(() => new Sgd(0.01f, momentum: 1.5f)).Message,
                Assert.ThrowsAny<ArgumentException>(() => new IrisNet(1).Fit(TestData.ScaledIris(), validationSplit: 1.5)).Message,
                Assert.ThrowsAny<ArgumentException>(() => new IrisNet(1).Fit(TestData.ScaledIris(), validationSplit: 0.999)).Message,
                Assert.ThrowsAny<ArgumentException>(() => new ReduceLROnPlateau(factor: 1.5)).Message,
                Assert.ThrowsAny<ArgumentException>(() => new EarlyStopping(baseline: double.NaN, minDelta: 0.5)).Message,
                Assert.ThrowsAny<ArgumentException>(() => new StepDecay(0.1, stepSize: 2, factor: 1.5)).Message,
                Assert.ThrowsAny<ArgumentException>(() => new CosineDecay(0.1, 10, alpha: 1.5)).Message,
                Assert.ThrowsAny<ArgumentException>(() => new StandardScaler([0.5], [-0.25])).Message,
                Assert.ThrowsAny<ArgumentException>(() => new StandardScaler([double.NaN], [0.25])).Message,
                Assert.ThrowsAny<ArgumentException>(() => TestData.Iris().TrainTestSplit(testFraction: 1.5, seed: 0)).Message,
            ];
            Assert.All(messages, m => Assert.False(DecimalComma().IsMatch(m), m));
            Assert.Contains("-0.5", messages[0], StringComparison.Ordinal);
            Assert.Contains("1.5", messages[2], StringComparison.Ordinal);
            Assert.Contains("-0.25", messages[8], StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void A_csv_that_starts_with_a_byte_order_mark_loads_its_first_column_by_name()
    {
        const string Text = "\uFEFFa,b,label\n1,2,0\n3,4,1\n";
        Dataset parsed = Csv.Parse(new StringReader(Text), "bom.csv", labelColumn: "label");
        Assert.Equal(["a", "b"], parsed.FeatureNames);

        string path = Path.Combine(Path.GetTempPath(), $"snet-bom-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllText(path, "a,b,label\n1,2,0\n3,4,1\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            Assert.Equal(0xEF, File.ReadAllBytes(path)[0]);
            Dataset loaded = Csv.Load(path, labelColumn: "label");
            Assert.Equal(["a", "b"], loaded.FeatureNames);
            Assert.Equal(2, loaded.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_wide_header_in_a_message_is_cut_short()
    {
        string header = string.Join(",", Enumerable.Range(0, 100_000).Select(i => $"c{i}")) + "\n";
        string row = string.Join(",", Enumerable.Range(0, 100_000).Select(_ => "1")) + "\n";
        var error = Assert.Throws<CsvFormatException>(() => Csv.Parse(new StringReader(header + row), "wide.csv", labelColumn: "label"));
        Assert.Contains("'c19' and 99,980 more", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 1_000, $"{error.Message.Length} characters");
    }
}
