using System.Globalization;
using ScottPlot;

namespace StaticNet.Plotting;

/// <summary>
/// Pictures of what StaticNet measured, drawn with ScottPlot: learning curves from a <see cref="History"/> (each series,
/// training against validation, to see overfitting), a confusion-matrix heat map, and feature-importance bars. Each
/// method returns a ScottPlot <see cref="Plot"/> to restyle or show, and the <c>Save…</c> methods write PNG or SVG (by the
/// file's extension), atomically.
/// </summary>
public static class Plots
{
    /// <summary>Default picture size of one panel, in pixels.</summary>
    public const int Width = 800;

    /// <summary>Default picture height of one panel, in pixels.</summary>
    public const int Height = 450;

    /// <summary>The longest line of a feature's or class's name beside an axis (longer ones are wrapped, <see cref="AxisLabels"/>).</summary>
    private const int LabelLine = 28;

    private static readonly Color Training = Color.FromHex("#1f77b4");
    private static readonly Color Validation = Color.FromHex("#ff7f0e");

    /// <summary>
    /// The learning curve of one series: <paramref name="key"/> per epoch, with <c>val_</c><paramref name="key"/> beside it
    /// when the history has it. A validation curve that turns up while the training curve keeps falling is overfitting.
    /// </summary>
    /// <param name="history">What <c>Fit</c> returned.</param>
    /// <param name="key">The series.</param>
    /// <param name="markEpoch">An epoch to mark with a dashed line: the best one, whose weights <see cref="EarlyStopping"/> restored (its <c>BestEpoch</c>).</param>
    public static Plot LearningCurve(History history, string key = "loss", int? markEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentException.ThrowIfNullOrEmpty(key);
        var plot = new Plot();
        double[] epochs = history.Epochs.Select(e => (double)e).ToArray();
        AddSeries(plot, epochs, history[key].ToArray(), key, Training);
        if (history.Contains("val_" + key))
        {
            AddSeries(plot, epochs, history["val_" + key].ToArray(), "val_" + key, Validation);
        }

        if (markEpoch is int marked)
        {
            var line = plot.Add.VerticalLine(marked);
            line.LinePattern = LinePattern.Dashed;
            line.Color = Colors.Gray;
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"best epoch {marked}");
        }

        plot.Title(Title(key));
        plot.XLabel("epoch");
        plot.YLabel(key);
        // Falling curves end low, rising ones high: put the legend where the curves are not.
        bool falls = key.Contains("loss", StringComparison.Ordinal) || key.Contains("error", StringComparison.Ordinal);
        plot.ShowLegend(falls ? Alignment.UpperRight : Alignment.LowerRight);
        return plot;
    }

    /// <summary>
    /// One learning curve per training series of <paramref name="history"/> (loss, accuracy, each metric; not the
    /// learning rate), each with its validation series.
    /// </summary>
    public static IReadOnlyList<Plot> LearningCurves(History history, int? markEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        return history.Keys.Where(k => !k.StartsWith("val_", StringComparison.Ordinal) && k != "learning_rate").Select(k => LearningCurve(history, k, markEpoch)).ToArray();
    }

    /// <summary>
    /// Writes every learning curve of <paramref name="history"/>, stacked one under another, to <paramref name="path"/>
    /// (<c>.png</c> or <c>.svg</c>).
    /// </summary>
    public static void SaveLearningCurves(History history, string path, int width = Width, int panelHeight = Height / 3 * 2, int? markEpoch = null) =>
        Save(LearningCurves(history, markEpoch), path, width, panelHeight);

    /// <summary>
    /// A heat map of <paramref name="matrix"/>: true classes down, predicted across, each cell labelled with its count
    /// (and, with <paramref name="normalize"/>, coloured by the share of its row: per-class recall on the diagonal).
    /// </summary>
    public static Plot ConfusionMatrix(ConfusionMatrix matrix, IReadOnlyList<string>? classNames = null, bool normalize = false)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int n = matrix.Classes;
        if (classNames is not null && classNames.Count != n)
        {
            throw new ArgumentException($"{classNames.Count} class names for {n} classes.", nameof(classNames));
        }

        string[] names = classNames?.ToArray() ?? Enumerable.Range(0, n).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray();
        var values = new double[n, n];
        double largest = 0;
        for (int a = 0; a < n; a++)
        {
            long support = matrix.Support(a);
            for (int p = 0; p < n; p++)
            {
                values[a, p] = normalize ? (support == 0 ? 0 : (double)matrix[a, p] / support) : matrix[a, p];
                largest = Math.Max(largest, values[a, p]);
            }
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = new ScottPlot.Colormaps.Blues().Reversed(); // ScottPlot's Blues runs dark to light: larger counts darker
        plot.Add.ColorBar(heatmap);
        for (int a = 0; a < n; a++)
        {
            for (int p = 0; p < n; p++)
            {
                string label = normalize
                    ? values[a, p].ToString("0.00", CultureInfo.InvariantCulture)
                    : matrix[a, p].ToString(CultureInfo.InvariantCulture);
                var text = plot.Add.Text(label, p, n - 1 - a);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = 16;
                text.LabelFontColor = values[a, p] > largest / 2 ? Colors.White : Colors.Black;
            }
        }

        // Long class names are broken over lines: under the matrix each has a column's width, about 75 characters over all.
        double[] positions = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.SetTicks(positions, names.Select(name => AxisLabels.Wrap(name, Math.Clamp(75 / n, 6, LabelLine), 3)).ToArray());
        plot.Axes.Left.SetTicks(positions, names.Reverse().Select(name => AxisLabels.Wrap(name, LabelLine, 2)).ToArray());
        plot.Title(normalize ? "Confusion matrix (share of each true class)" : "Confusion matrix");
        plot.XLabel("predicted");
        plot.YLabel("true");
        plot.Axes.Margins(0, 0);
        return plot;
    }

    /// <summary>Feature-importance bars, most important on top, with ± one standard deviation.</summary>
    public static Plot FeatureImportance(PermutationImportanceResult importance, string title = "Permutation importance (drop in score)")
    {
        ArgumentNullException.ThrowIfNull(importance);
        return FeatureImportance(importance.FeatureNames, importance.Mean, importance.StandardDeviation, title);
    }

    /// <summary>Bars of any per-feature values (mean absolute saliency, say), the largest on top, with optional error bars.</summary>
    public static Plot FeatureImportance(IReadOnlyList<string> featureNames, IReadOnlyList<double> values, IReadOnlyList<double>? errors = null, string title = "Feature importance")
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(values);
        if (featureNames.Count != values.Count || (errors is not null && errors.Count != values.Count))
        {
            throw new ArgumentException($"{featureNames.Count} names, {values.Count} values{(errors is null ? string.Empty : $" and {errors.Count} errors")}: one of each per feature.");
        }

        int[] order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray(); // smallest at the bottom
        var plot = new Plot();
        var bars = order.Select((feature, position) => new Bar
        {
            Position = position,
            Value = values[feature],
            Error = errors?[feature] ?? 0,
            FillColor = Training,
        }).ToList();
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        plot.Axes.Left.SetTicks(Enumerable.Range(0, order.Length).Select(i => (double)i).ToArray(), order.Select(i => AxisLabels.Wrap(featureNames[i], LabelLine, 2)).ToArray());
        plot.Axes.Margins(left: 0);
        plot.Title(title);
        return plot;
    }

    /// <summary>
    /// Lines over a common x axis: a series and its forecasts, say, the first in blue and the next in orange, green,
    /// red. Each series has one value per x; NaN values are left out.
    /// </summary>
    /// <param name="title">The title.</param>
    /// <param name="xLabel">The x axis's label.</param>
    /// <param name="yLabel">The y axis's label.</param>
    /// <param name="x">The x values, in order.</param>
    /// <param name="series">Each line's name and values.</param>
    public static Plot Lines(string title, string xLabel, string yLabel, IReadOnlyList<double> x, params IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
        {
            throw new ArgumentException("There is no series to draw.", nameof(series));
        }

        Color[] colors = [Training, Validation, Color.FromHex("#2ca02c"), Color.FromHex("#d62728"), Color.FromHex("#9467bd")];
        var plot = new Plot();
        for (int i = 0; i < series.Count; i++)
        {
            (string name, IReadOnlyList<double> values) = series[i];
            ArgumentNullException.ThrowIfNull(values);
            if (values.Count != x.Count)
            {
                throw new ArgumentException($"The series '{name}' has {values.Count} values for {x.Count} x values.", nameof(series));
            }

            AddSeries(plot, [.. x], [.. values], name, colors[i % colors.Length]);
        }

        // Plain numbers on the x axis: years read 1930, not 1,930.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => v.ToString("0.###", CultureInfo.InvariantCulture) };
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    /// <summary>Writes <paramref name="plot"/> to <paramref name="path"/>: PNG or SVG by the extension, atomically.</summary>
    public static void Save(this Plot plot, string path, int width = Width, int height = Height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        Save([plot], path, width, height);
    }

    /// <summary>Writes <paramref name="panels"/> stacked one under another to one PNG or SVG, atomically.</summary>
    public static void Save(IReadOnlyList<Plot> panels, string path, int width = Width, int panelHeight = Height)
    {
        ArgumentNullException.ThrowIfNull(panels);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 50);
        ArgumentOutOfRangeException.ThrowIfLessThan(panelHeight, 50);
        if (panels.Count == 0)
        {
            throw new ArgumentException("There is nothing to draw.", nameof(panels));
        }

        string extension = Path.GetExtension(path).ToLowerInvariant();
        byte[] content = extension switch
        {
            ".png" => StackedPng(panels, width, panelHeight),
            ".svg" => System.Text.Encoding.UTF8.GetBytes(StackedSvg(panels, width, panelHeight)),
            _ => throw new ArgumentException($"'{path}' should end in .png or .svg.", nameof(path)),
        };
        StaticNet.AtomicFile.Write(path, content);
    }

    private static byte[] StackedPng(IReadOnlyList<Plot> panels, int width, int panelHeight)
    {
        if (panels.Count == 1)
        {
            return panels[0].GetImage(width, panelHeight).GetImageBytes(ImageFormat.Png, 100);
        }

        // Each panel is rendered alone (a plot clears the whole canvas it is given), then the images are stacked.
        using var surface = SkiaSharp.SKSurface.Create(new SkiaSharp.SKImageInfo(width, panelHeight * panels.Count));
        for (int i = 0; i < panels.Count; i++)
        {
            using SkiaSharp.SKBitmap panel = SkiaSharp.SKBitmap.Decode(panels[i].GetImage(width, panelHeight).GetImageBytes(ImageFormat.Png, 100));
            surface.Canvas.DrawBitmap(panel, 0, panelHeight * i);
        }

        using SkiaSharp.SKImage image = surface.Snapshot();
        using SkiaSharp.SKData data = image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static string StackedSvg(IReadOnlyList<Plot> panels, int width, int panelHeight)
    {
        if (panels.Count == 1)
        {
            return panels[0].GetSvgXml(width, panelHeight);
        }

        var svg = new System.Text.StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{panelHeight * panels.Count}\">");
        for (int i = 0; i < panels.Count; i++)
        {
            string panel = panels[i].GetSvgXml(width, panelHeight);
            int start = panel.IndexOf("<svg", StringComparison.Ordinal);
            svg.Append(CultureInfo.InvariantCulture, $"<svg x=\"0\" y=\"{panelHeight * i}\"").Append(panel.AsSpan(start + "<svg".Length));
        }

        return svg.Append("</svg>").ToString();
    }

    private static void AddSeries(Plot plot, double[] epochs, double[] values, string label, Color color)
    {
        // Epochs without the value (NaN: no validation that epoch) are left out, and the points around them joined.
        int[] kept = Enumerable.Range(0, values.Length).Where(i => double.IsFinite(values[i])).ToArray();
        epochs = kept.Select(i => epochs[i]).ToArray();
        values = kept.Select(i => values[i]).ToArray();
        var line = plot.Add.Scatter(epochs, values);
        line.LegendText = label;
        line.Color = color;
        line.LineWidth = 2;
        line.MarkerSize = epochs.Length <= 30 ? 4 : 0;
    }

    /// <summary>A series' title in sentence case, as every title here: <c>f1_score</c> → "F1 score".</summary>
    private static string Title(string key)
    {
        string words = key.Replace('_', ' ');
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }
}
