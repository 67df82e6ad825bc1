using SkiaSharp;
using StaticNet.Plotting;
using StaticNet.Tests.Networks;

namespace StaticNet.Tests.Plotting;

/// <summary>
/// The pictures, rendered for real: sizes, and the colours of what they must show. Set STATICNET_KEEP_PLOTS to a folder
/// to keep them there and look at them.
/// </summary>
public class PlotTests : IDisposable
{
    private static readonly string? Keep = Environment.GetEnvironmentVariable("STATICNET_KEEP_PLOTS");

    private readonly string _folder = Keep is { Length: > 0 } ? Directory.CreateDirectory(Keep).FullName : Directory.CreateTempSubdirectory("snet-plots").FullName;

    public void Dispose()
    {
        if (Keep is not { Length: > 0 })
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static History Train()
    {
        var (train, test) = TestData.ScaledIris().TrainTestSplit(0.2, seed: 42);
        return new IrisNet(1).Fit(train, epochs: 30, optimizer: new Adam(0.01f), validationData: test, metrics: [new F1Score(Average.Macro)]);
    }

    /// <summary>How many pixels are close to <paramref name="color"/>.</summary>
    private static int Count(SKBitmap bitmap, SKColor color, int tolerance = 40)
    {
        int count = 0;
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                SKColor p = bitmap.GetPixel(x, y);
                if (Math.Abs(p.Red - color.Red) + Math.Abs(p.Green - color.Green) + Math.Abs(p.Blue - color.Blue) < tolerance)
                {
                    count++;
                }
            }
        }

        return count;
    }

    [Fact]
    public void Learning_curves_draw_every_series_training_against_validation_as_png_and_svg()
    {
        History history = Train();
        string png = Path.Combine(_folder, "curves.png");
        Plots.SaveLearningCurves(history, png, width: 600, panelHeight: 300);
        using SKBitmap bitmap = SKBitmap.Decode(png);
        Assert.Equal(600, bitmap.Width);
        Assert.Equal(900, bitmap.Height); // loss, accuracy, f1_score
        Assert.True(Count(bitmap, new SKColor(0x1f, 0x77, 0xb4)) > 500, "the training curves (blue) are drawn");
        Assert.True(Count(bitmap, new SKColor(0xff, 0x7f, 0x0e)) > 500, "the validation curves (orange) are drawn");

        string svg = Path.Combine(_folder, "curves.svg");
        Plots.SaveLearningCurves(history, svg);
        string text = File.ReadAllText(svg);
        Assert.StartsWith("<svg", text, StringComparison.Ordinal);
        Assert.Equal(3 + 1, System.Text.RegularExpressions.Regex.Count(text, "<svg"));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void The_confusion_matrix_heat_map_is_darkest_on_a_good_classifiers_diagonal()
    {
        Dataset data = TestData.ScaledIris();
        var network = new IrisNet(1);
        network.Fit(data, epochs: 60, optimizer: new Adam(0.01f));
        string png = Path.Combine(_folder, "confusion.png");
        ScottPlot.Plot plot = Plots.ConfusionMatrix(ConfusionMatrix.Of(network, data), ["setosa", "versicolor", "virginica"]);
        plot.Save(png, 600, 500);
        using SKBitmap bitmap = SKBitmap.Decode(png);
        Assert.Equal((600, 500), (bitmap.Width, bitmap.Height));

        // Each cell, sampled a quarter-cell off its centre (clear of the count's label): the diagonal (about 50 samples
        // each) is dark, the rest (0 or 1) light.
        for (int actual = 0; actual < 3; actual++)
        {
            for (int predicted = 0; predicted < 3; predicted++)
            {
                ScottPlot.Pixel pixel = plot.GetPixel(new ScottPlot.Coordinates(predicted - 0.25, 2 - actual + 0.25));
                SKColor color = bitmap.GetPixel((int)pixel.X, (int)pixel.Y);
                int brightness = color.Red + color.Green + color.Blue;
                Assert.True(actual == predicted ? brightness < 300 : brightness > 600, $"cell ({actual}, {predicted}) has brightness {brightness}");
            }
        }

        Assert.StartsWith("<?xml", File.ReadAllText(SaveSvg(plot)), StringComparison.Ordinal);
    }

    [Fact]
    public void Long_names_are_wrapped_at_word_breaks_so_the_bars_keep_their_width()
    {
        string[] names = ["a very long feature name that goes on and on (mm per second squared)", "b", "mean concave points of the nucleus", "od280/od315_of_diluted_wines", "supercalifragilisticexpialidocious_and_more"];
        var result = new PermutationImportanceResult(names, 0.9, [0.05, 0.4, 0.1, 0.2, 0.3], [0.01, 0.05, 0.02, 0.03, 0.01], [[0.05], [0.4], [0.1], [0.2], [0.3]]);
        ScottPlot.Plot plot = Plots.FeatureImportance(result);
        string png = Path.Combine(_folder, "long-names.png");
        plot.Save(png, 800, 500); // the ticks are laid out when drawn
        string[] labels = ((ScottPlot.TickGenerators.NumericManual)plot.Axes.Left.TickGenerator).Ticks.OrderBy(t => t.Position).Select(t => t.Label).ToArray();

        // Smallest first (the bottom bar): each label in at most two lines of at most 28 characters, broken at a space,
        // underscore or slash; a name that needs more lines ends in an ellipsis; a short one is as it was.
        Assert.Equal("a very long feature name\nthat goes on and on (mm per…", labels[0]);
        Assert.Equal("mean concave points of the\nnucleus", labels[1]);
        Assert.Equal("od280/od315_of_diluted_wines", labels[2]);
        Assert.Equal("supercalifragilisticexpialid\nocious_and_more", labels[3]);
        Assert.Equal("b", labels[4]);
        Assert.All(labels, l => Assert.All(l.Split('\n'), line => Assert.True(line.Length <= 28, line)));

        // The bars keep most of the picture: the axis is as wide as 28 characters, not as the longest name.
        using SKBitmap bitmap = SKBitmap.Decode(png);
        int leftmostBlue = Enumerable.Range(0, bitmap.Width).First(x => Enumerable.Range(0, bitmap.Height).Any(y => bitmap.GetPixel(x, y) == new SKColor(0x1f, 0x77, 0xb4)));
        Assert.True(leftmostBlue < 260, $"the bars start at x = {leftmostBlue} of 800");

        // Under a confusion matrix each class name gets a column's width.
        var matrix = new ConfusionMatrix(3);
        ScottPlot.Plot heat = Plots.ConfusionMatrix(matrix, ["Iris-setosa (bristle-pointed)", "Iris-versicolor (harlequin blue flag)", "Iris-virginica (Virginia iris)"]);
        heat.Save(Path.Combine(_folder, "long-classes.png"), 800, 600);
        string[] bottom = ((ScottPlot.TickGenerators.NumericManual)heat.Axes.Bottom.TickGenerator).Ticks.OrderBy(t => t.Position).Select(t => t.Label).ToArray();
        Assert.Equal(["Iris-setosa (bristle-\npointed)", "Iris-versicolor\n(harlequin blue flag)", "Iris-virginica (Virginia\niris)"], bottom);
    }

    [Fact]
    public void Feature_importance_bars_are_drawn_longest_on_top_with_the_names()
    {
        var result = new PermutationImportanceResult(["a", "b", "c"], 0.9, [0.05, 0.4, 0.1], [0.01, 0.05, 0.02], [[0.05], [0.4], [0.1]]);
        string png = Path.Combine(_folder, "importance.png");
        Plots.FeatureImportance(result).Save(png, 500, 300);
        using SKBitmap bitmap = SKBitmap.Decode(png);
        Assert.True(Count(bitmap, new SKColor(0x1f, 0x77, 0xb4)) > 2000, "the bars are drawn");

        // The widest bar (b) is the top one: compare the blue extent of the top and bottom thirds of the plot area.
        int Extent(int y0, int y1)
        {
            int widest = 0;
            for (int y = y0; y < y1; y++)
            {
                int row = 0;
                for (int x = 0; x < bitmap.Width; x++)
                {
                    SKColor p = bitmap.GetPixel(x, y);
                    row += Math.Abs(p.Red - 0x1f) + Math.Abs(p.Green - 0x77) + Math.Abs(p.Blue - 0xb4) < 40 ? 1 : 0;
                }

                widest = Math.Max(widest, row);
            }

            return widest;
        }

        Assert.True(Extent(0, 150) > 2 * Extent(150, 300), "the most important feature's bar is on top and longest");
        Assert.True(new FileInfo(SaveSvg(Plots.FeatureImportance(result))).Length > 5000);
    }

    [Fact]
    public void A_path_that_is_neither_png_nor_svg_is_refused()
    {
        Assert.Contains(".png or .svg", Assert.Throws<ArgumentException>(() => Plots.LearningCurve(Train()).Save(Path.Combine(_folder, "x.jpg"))).Message);
    }

    private string SaveSvg(ScottPlot.Plot plot)
    {
        string path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".svg");
        plot.Save(path);
        return path;
    }
}
