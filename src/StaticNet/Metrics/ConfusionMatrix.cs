using System.Globalization;
using System.Text;

namespace StaticNet;

/// <summary>
/// Counts of (true class, predicted class) pairs — scikit-learn's <c>confusion_matrix</c>, rows true, columns predicted —
/// and everything computed from them: accuracy, and precision, recall and F1 per class or averaged as scikit-learn's
/// <c>precision_recall_fscore_support</c> (a class with no predicted, or no true, samples scores 0, scikit-learn's
/// <c>zero_division</c> default), and the classification report.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly long[] _counts;

    /// <summary>An empty matrix for <paramref name="classes"/> classes.</summary>
    public ConfusionMatrix(int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        Classes = classes;
        _counts = new long[classes * classes];
    }

    /// <summary>The matrix of <paramref name="actual"/> against <paramref name="predicted"/> class indices.</summary>
    public ConfusionMatrix(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int classes)
        : this(classes)
    {
        if (actual.Length != predicted.Length)
        {
            throw new ArgumentException($"{actual.Length} true labels but {predicted.Length} predicted ones.", nameof(predicted));
        }

        for (int i = 0; i < actual.Length; i++)
        {
            Add(actual[i], predicted[i]);
        }
    }

    /// <summary>The confusion matrix of <paramref name="network"/>'s most probable classes on <paramref name="data"/> (a classifier's).</summary>
    public static ConfusionMatrix Of(INetwork network, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        var labels = ClassLabels.For(network.Loss, network.OutputSize);
        var matrix = new ConfusionMatrix(labels.Classes);
        matrix.Add(labels, network.Predict(data), data.Targets, data.Count);
        return matrix;
    }

    /// <summary>The number of classes.</summary>
    public int Classes { get; }

    /// <summary>The number of samples counted.</summary>
    public long Total { get; private set; }

    /// <summary>How many samples of true class <paramref name="actual"/> were predicted as <paramref name="predicted"/>.</summary>
    public long this[int actual, int predicted] => _counts[Index(actual, predicted)];

    /// <summary>Counts one sample.</summary>
    public void Add(int actual, int predicted)
    {
        _counts[Index(actual, predicted)]++;
        Total++;
    }

    /// <summary>Forgets every count.</summary>
    public void Clear()
    {
        Array.Clear(_counts);
        Total = 0;
    }

    /// <summary>Counts <paramref name="count"/> samples given as network outputs and targets.</summary>
    internal void Add(ClassLabels labels, ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, int count)
    {
        int outputs = predictions.Length / Math.Max(count, 1), targetSize = targets.Length / Math.Max(count, 1);
        for (int k = 0; k < count; k++)
        {
            ReadOnlySpan<float> p = predictions.Slice(k * outputs, outputs), t = targets.Slice(k * targetSize, targetSize);
            for (int unit = 0; unit < labels.DecisionsPerSample; unit++)
            {
                Add(labels.Actual(t, unit), labels.Predicted(p, unit));
            }
        }
    }

    /// <summary>The fraction of samples on the diagonal.</summary>
    public double Accuracy
    {
        get
        {
            long right = 0;
            for (int c = 0; c < Classes; c++)
            {
                right += this[c, c];
            }

            return Total == 0 ? 0 : (double)right / Total;
        }
    }

    /// <summary>The true samples of class <paramref name="c"/> (its row sum).</summary>
    public long Support(int c)
    {
        long sum = 0;
        for (int p = 0; p < Classes; p++)
        {
            sum += this[c, p];
        }

        return sum;
    }

    /// <summary>The samples predicted as class <paramref name="c"/> (its column sum).</summary>
    public long PredictedCount(int c)
    {
        long sum = 0;
        for (int a = 0; a < Classes; a++)
        {
            sum += this[a, c];
        }

        return sum;
    }

    /// <summary>Precision of class <paramref name="c"/>: tp / (tp + fp), 0 when nothing was predicted as <paramref name="c"/>.</summary>
    public double PrecisionOf(int c) => Ratio(this[c, c], PredictedCount(c));

    /// <summary>Recall of class <paramref name="c"/>: tp / (tp + fn), 0 when <paramref name="c"/> has no true samples.</summary>
    public double RecallOf(int c) => Ratio(this[c, c], Support(c));

    /// <summary>F1 of class <paramref name="c"/>: 2·tp / (2·tp + fp + fn), 0 when that is 0 / 0.</summary>
    public double F1ScoreOf(int c) => Ratio(2 * this[c, c], Support(c) + PredictedCount(c));

    /// <summary>Precision averaged as <paramref name="average"/>.</summary>
    public double Precision(Average average = Average.Binary) => Averaged(average, PrecisionOf, (tp, predicted, _) => Ratio(tp, predicted));

    /// <summary>Recall averaged as <paramref name="average"/>.</summary>
    public double Recall(Average average = Average.Binary) => Averaged(average, RecallOf, (tp, _, support) => Ratio(tp, support));

    /// <summary>F1 averaged as <paramref name="average"/> (macro: the mean of per-class F1, as scikit-learn, not the F1 of the mean precision and recall).</summary>
    public double F1Score(Average average = Average.Binary) => Averaged(average, F1ScoreOf, (tp, predicted, support) => Ratio(2 * tp, predicted + support));

    /// <summary>
    /// scikit-learn's <c>classification_report</c>, character for character: per class precision, recall, F1 and support,
    /// then accuracy and the macro and weighted averages.
    /// </summary>
    /// <param name="classNames">A name per class (default: the class indices).</param>
    /// <param name="digits">Decimal places.</param>
    public string ClassificationReport(IReadOnlyList<string>? classNames = null, int digits = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        if (classNames is not null && classNames.Count != Classes)
        {
            throw new ArgumentException($"{classNames.Count} class names for {Classes} classes.", nameof(classNames));
        }

        if (Total == 0)
        {
            throw new InvalidOperationException("The confusion matrix holds no samples: there is nothing to report.");
        }

        int[] present = PresentClasses();
        string[] names = present.Select(c => classNames?[c] ?? c.ToString(CultureInfo.InvariantCulture)).ToArray();
        const string LongestHeading = "weighted avg";
        int width = Math.Max(Math.Max(names.Max(n => n.Length), LongestHeading.Length), digits);
        var report = new StringBuilder();
        report.Append(new string(' ', width)).Append(' ');
        foreach (string header in new[] { "precision", "recall", "f1-score", "support" })
        {
            report.Append(' ').Append(header.PadLeft(9));
        }

        report.Append("\n\n");
        for (int i = 0; i < present.Length; i++)
        {
            int c = present[i];
            Row(report, names[i], width, digits, PrecisionOf(c), RecallOf(c), F1ScoreOf(c), Support(c));
        }

        report.Append('\n');
        report.Append("accuracy".PadLeft(width)).Append(' ')
            .Append(' ').Append(new string(' ', 9))
            .Append(' ').Append(new string(' ', 9))
            .Append(' ').Append(PythonFormat.Fixed(Accuracy, digits).PadLeft(9))
            .Append(' ').Append(Total.ToString(CultureInfo.InvariantCulture).PadLeft(9)).Append('\n');
        Row(report, "macro avg", width, digits, Precision(Average.Macro), Recall(Average.Macro), F1Score(Average.Macro), Total);
        Row(report, "weighted avg", width, digits, Precision(Average.Weighted), Recall(Average.Weighted), F1Score(Average.Weighted), Total);
        return report.ToString();
    }

    /// <summary>The matrix as rows of counts, true classes down, predicted across.</summary>
    public override string ToString()
    {
        int width = _counts.Max().ToString(CultureInfo.InvariantCulture).Length;
        var text = new StringBuilder();
        for (int a = 0; a < Classes; a++)
        {
            text.Append(a == 0 ? "[[" : " [");
            for (int p = 0; p < Classes; p++)
            {
                text.Append(p == 0 ? string.Empty : " ").Append(this[a, p].ToString(CultureInfo.InvariantCulture).PadLeft(width));
            }

            text.Append(a == Classes - 1 ? "]]" : "]\n");
        }

        return text.ToString();
    }

    private static void Row(StringBuilder report, string name, int width, int digits, double precision, double recall, double f1, long support)
    {
        report.Append(name.PadLeft(width)).Append(' ');
        foreach (double value in new[] { precision, recall, f1 })
        {
            report.Append(' ').Append(PythonFormat.Fixed(value, digits).PadLeft(9));
        }

        report.Append(' ').Append(support.ToString(CultureInfo.InvariantCulture).PadLeft(9)).Append('\n');
    }

    /// <summary>The classes scikit-learn averages over when it is given no labels: those in the targets or the predictions.</summary>
    private int[] PresentClasses() => Enumerable.Range(0, Classes).Where(c => Support(c) > 0 || PredictedCount(c) > 0).ToArray();

    private double Averaged(Average average, Func<int, double> perClass, Func<long, long, long, double> fromCounts)
    {
        switch (average)
        {
            case Average.Binary:
                if (Classes != 2)
                {
                    throw new InvalidOperationException(
                        $"Average.Binary scores the positive class of a two-class problem, but there are {Classes} classes: use Average.Macro, Micro or Weighted.");
                }

                return perClass(1);
            case Average.Micro:
                long tp = 0;
                for (int c = 0; c < Classes; c++)
                {
                    tp += this[c, c];
                }

                return fromCounts(tp, Total, Total);
            case Average.Macro:
                int[] present = PresentClasses();
                return present.Length == 0 ? 0 : present.Average(perClass);
            case Average.Weighted:
                return Total == 0 ? 0 : Enumerable.Range(0, Classes).Sum(c => perClass(c) * Support(c)) / Total;
            default:
                throw new ArgumentOutOfRangeException(nameof(average), average, "Unknown average.");
        }
    }

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;

    private int Index(int actual, int predicted)
    {
        if ((uint)actual >= (uint)Classes)
        {
            throw new ArgumentOutOfRangeException(nameof(actual), actual, $"A class index must be in 0..{Classes - 1}.");
        }

        if ((uint)predicted >= (uint)Classes)
        {
            throw new ArgumentOutOfRangeException(nameof(predicted), predicted, $"A class index must be in 0..{Classes - 1}.");
        }

        return actual * Classes + predicted;
    }
}
