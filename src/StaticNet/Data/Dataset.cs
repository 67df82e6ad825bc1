using System.Globalization;

namespace StaticNet;

/// <summary>
/// Samples for training or evaluation: features as one row-major float buffer (samples × features) and targets likewise
/// (samples × <see cref="TargetSize"/>). A class label is stored as one float holding the class index.
/// Datasets are immutable; scaling, splitting and one-hot encoding return new ones.
/// </summary>
public sealed partial class Dataset
{
    private readonly float[] _features;
    private readonly float[] _targets;

    /// <summary>Creates a dataset over the given buffers (they are not copied).</summary>
    /// <param name="features">Samples × <paramref name="featureCount"/> floats, row-major.</param>
    /// <param name="targets">Samples × <paramref name="targetSize"/> floats, row-major.</param>
    /// <param name="featureCount">Features per sample.</param>
    /// <param name="targetSize">Target floats per sample (1 for a class index or a single regression value).</param>
    /// <param name="classCount">For classification, the number of classes; every target must then be a class index.</param>
    /// <param name="featureNames">Optional names of the features, e.g. from a CSV header.</param>
    /// <param name="sampleShape">
    /// The shape of one sample, outermost axis first, when it is not flat: <c>[28, 28, 1]</c> for an image (channels last),
    /// whose product must be <paramref name="featureCount"/>. Null: flat, <c>[featureCount]</c>.
    /// </param>
    /// <exception cref="ArgumentException">
    /// The buffers do not hold whole samples; a feature or target is NaN or infinite; a label is not a class index. The
    /// message names the sample (and feature).
    /// </exception>
    public Dataset(float[] features, float[] targets, int featureCount, int targetSize = 1, int? classCount = null, IReadOnlyList<string>? featureNames = null, IReadOnlyList<int>? sampleShape = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetSize);
        if (features.Length % featureCount != 0)
        {
            throw new ArgumentException($"The feature buffer has {features.Length} floats, which is not a whole number of samples of {featureCount} features.", nameof(features));
        }

        int count = features.Length / featureCount;
        if (targets.Length != count * targetSize)
        {
            throw new ArgumentException($"The target buffer has {targets.Length} floats, expected {count * targetSize} ({count} samples × {targetSize}).", nameof(targets));
        }

        if (classCount is int classes)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2, nameof(classCount));
            if (targetSize != 1)
            {
                throw new ArgumentException("A dataset with class labels stores one class index per sample (targetSize 1).", nameof(targetSize));
            }

            for (int i = 0; i < targets.Length; i++)
            {
                float label = targets[i];
                if (!LossFunctions.IsClassIndex(label, classes))
                {
                    throw new ArgumentException(
                        string.Create(CultureInfo.InvariantCulture, $"Sample {i} has the label {label:R}, which is not a class index in 0..{classes - 1} (classCount {classes})."),
                        nameof(targets));
                }
            }
        }

        if (sampleShape is not null)
        {
            long product = 1;
            foreach (int dimension in sampleShape)
            {
                product *= dimension;
                if (dimension < 1 || product > featureCount)
                {
                    product = -1;
                    break;
                }
            }

            if (sampleShape.Count == 0 || product != featureCount)
            {
                throw new ArgumentException($"The sample shape ({string.Join(" × ", sampleShape)}) does not hold {featureCount} features per sample: its dimensions must be positive and multiply to the feature count.", nameof(sampleShape));
            }
        }

        if (featureNames is not null && featureNames.Count != featureCount)
        {
            throw new ArgumentException($"{featureNames.Count} feature names given for {featureCount} features.", nameof(featureNames));
        }

        // NaN or infinite values would train a network into NaN parameters without a word: refuse them here, where the
        // sample and feature can still be named. (Raw Forward stays check-free for speed; everything through a Dataset is checked.)
        int bad = Finite.IndexOfNonFinite(features);
        if (bad >= 0)
        {
            string name = featureNames is null ? string.Empty : $" ('{featureNames[bad % featureCount]}')";
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Sample {bad / featureCount}, feature {bad % featureCount}{name} is {features[bad]:R}: features must be finite numbers."),
                nameof(features));
        }

        bad = Finite.IndexOfNonFinite(targets);
        if (bad >= 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Sample {bad / targetSize}, target {bad % targetSize} is {targets[bad]:R}: targets must be finite numbers."),
                nameof(targets));
        }

        _features = features;
        _targets = targets;
        Count = count;
        FeatureCount = featureCount;
        TargetSize = targetSize;
        ClassCount = classCount;
        FeatureNames = featureNames;
        SampleShape = sampleShape is null ? [featureCount] : [.. sampleShape];
    }

    /// <summary>The number of samples.</summary>
    public int Count { get; }

    /// <summary>Features per sample.</summary>
    public int FeatureCount { get; }

    /// <summary>Target floats per sample.</summary>
    public int TargetSize { get; }

    /// <summary>For classification data, the number of classes; otherwise null.</summary>
    public int? ClassCount { get; }

    /// <summary>
    /// The shape of one sample, outermost axis first: <c>[FeatureCount]</c> for flat data, <c>[28, 28, 1]</c> for an image.
    /// A sample's <see cref="FeatureCount"/> values are stored row-major in this shape.
    /// </summary>
    public IReadOnlyList<int> SampleShape { get; }

    /// <summary>The features' names, if known.</summary>
    public IReadOnlyList<string>? FeatureNames { get; }

    /// <summary>All features, row-major.</summary>
    public ReadOnlySpan<float> Features => _features;

    /// <summary>All targets, row-major.</summary>
    public ReadOnlySpan<float> Targets => _targets;

    /// <summary>The features of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> FeaturesOf(int index) => _features.AsSpan(index * FeatureCount, FeatureCount);

    /// <summary>The target of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> TargetOf(int index) => _targets.AsSpan(index * TargetSize, TargetSize);

    /// <summary>The class index of sample <paramref name="index"/> (classification data only).</summary>
    public int LabelOf(int index) => ClassCount is int classes
        ? LossFunctions.ClassIndex(_targets[index], classes)
        : throw new InvalidOperationException("This dataset has no class labels.");

    /// <summary>A new dataset of the given rows, in the given order.</summary>
    public Dataset Select(ReadOnlySpan<int> rows)
    {
        var features = new float[rows.Length * FeatureCount];
        var targets = new float[rows.Length * TargetSize];
        for (int i = 0; i < rows.Length; i++)
        {
            int row = rows[i];
            if ((uint)row >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), row, $"Row {row} is outside 0..{Count - 1}.");
            }

            FeaturesOf(row).CopyTo(features.AsSpan(i * FeatureCount));
            TargetOf(row).CopyTo(targets.AsSpan(i * TargetSize));
        }

        return new Dataset(features, targets, FeatureCount, TargetSize, ClassCount, FeatureNames, SampleShape);
    }

    /// <summary>A copy with other features (same targets), e.g. after scaling.</summary>
    public Dataset WithFeatures(float[] features) => new(features, _targets, FeatureCount, TargetSize, ClassCount, FeatureNames, SampleShape);

    /// <summary>
    /// Class indices turned into one-hot rows of <see cref="ClassCount"/> floats, for <see cref="Loss.CategoricalCrossEntropy"/>.
    /// </summary>
    public Dataset ToOneHot()
    {
        int classes = ClassCount ?? throw new InvalidOperationException("Only a dataset with class labels can be one-hot encoded.");
        var targets = new float[Count * classes];
        for (int i = 0; i < Count; i++)
        {
            targets[i * classes + LabelOf(i)] = 1f;
        }

        return new Dataset(_features, targets, FeatureCount, classes, classCount: null, FeatureNames, SampleShape);
    }

    /// <summary>
    /// Splits into a training and a test set as scikit-learn's <c>train_test_split</c> does: <c>ceil(testFraction·n)</c> test
    /// samples, the rest for training, both in shuffled order. With <paramref name="stratify"/>, each class keeps its proportion
    /// in both parts (largest remainders decide the rounding).
    /// </summary>
    public (Dataset Train, Dataset Test) TrainTestSplit(double testFraction, int seed, bool stratify = false)
    {
        var (train, test) = Splitting.TrainTestIndices(this, testFraction, seed, stratify);
        return (Select(train), Select(test));
    }
}
