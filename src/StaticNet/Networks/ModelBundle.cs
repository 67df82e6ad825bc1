using System.Text;

namespace StaticNet;

/// <summary>
/// Everything a deployed app needs in one file: the network's parameters (trainable and moving statistics), the
/// scaler's statistics, the class and feature names, the text vectoriser's vocabulary for a network that reads text, the
/// network's type name and architecture, and a checksum. Written
/// atomically; read back only if intact and saved from the same network (by name and by architecture), so an app never
/// predicts with another model's weights or another dataset's scaling.
/// </summary>
/// <example>
/// <code>
/// ModelBundle.Save("iris.snetmodel", model, scaler, classNames: ["setosa", "versicolor", "virginica"]);
/// // … later, in the deployed app, with no training data:
/// var bundle = ModelBundle.Load&lt;IrisNet&gt;("iris.snetmodel");
/// string species = bundle.PredictClassName([5.1f, 3.5f, 1.4f, 0.2f]);
/// </code>
/// </example>
/// <typeparam name="TNetwork">The generated network type.</typeparam>
public sealed class ModelBundle<TNetwork>
    where TNetwork : INetwork
{
    internal ModelBundle(TNetwork network, StandardScaler? scaler, IReadOnlyList<string>? classNames, IReadOnlyList<string>? featureNames, TextVectorizer? vectorizer)
    {
        Network = network;
        Scaler = scaler;
        ClassNames = classNames;
        FeatureNames = featureNames;
        Vectorizer = vectorizer;
    }

    /// <summary>The network, with the saved parameters.</summary>
    public TNetwork Network { get; }

    /// <summary>The scaler the network's inputs went through in training, if one was saved.</summary>
    public StandardScaler? Scaler { get; }

    /// <summary>The class names, by class index, if saved.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>The feature names, in input order, if saved.</summary>
    public IReadOnlyList<string>? FeatureNames { get; }

    /// <summary>The text vectoriser (settings and vocabulary) the network's token ids came from, if saved.</summary>
    public TextVectorizer? Vectorizer { get; }

    /// <summary>The network's outputs for one raw text, through <see cref="Vectorizer"/>: the same ids training saw.</summary>
    /// <exception cref="InvalidOperationException">The bundle was saved without a vectoriser.</exception>
    public float[] Predict(string text)
    {
        TextVectorizer vectorizer = Vectorizer ?? throw new InvalidOperationException("The bundle was saved without a text vectoriser; pass the ids, or save the vectoriser with the network.");
        return Predict(vectorizer.Vectorize(text));
    }

    /// <summary>The most probable class index for one raw text.</summary>
    public int PredictClass(string text) => Accuracy.PredictedClass(Predict(text));

    /// <summary>The most probable class's name for one raw text.</summary>
    /// <exception cref="InvalidOperationException">The bundle was saved without class names or without a vectoriser.</exception>
    public string PredictClassName(string text) =>
        (ClassNames ?? throw new InvalidOperationException("The bundle was saved without class names."))[PredictClass(text)];

    /// <summary>The network's outputs for one raw (unscaled) sample: scaled by <see cref="Scaler"/> when there is one, then <c>Forward</c>.</summary>
    public float[] Predict(ReadOnlySpan<float> features)
    {
        Span<float> scaled = features.Length <= 1024 ? stackalloc float[features.Length] : new float[features.Length];
        if (Scaler is not null)
        {
            Scaler.Transform(features, scaled);
        }
        else
        {
            features.CopyTo(scaled);
        }

        var output = new float[Network.OutputSize];
        Network.Forward(scaled, output);
        return output;
    }

    /// <summary>The most probable class index for one raw sample.</summary>
    public int PredictClass(ReadOnlySpan<float> features) => Accuracy.PredictedClass(Predict(features));

    /// <summary>The most probable class's name for one raw sample.</summary>
    /// <exception cref="InvalidOperationException">The bundle was saved without class names.</exception>
    public string PredictClassName(ReadOnlySpan<float> features) =>
        (ClassNames ?? throw new InvalidOperationException("The bundle was saved without class names."))[PredictClass(features)];
}

/// <summary>Saves and loads <see cref="ModelBundle{TNetwork}"/> files.</summary>
public static class ModelBundle
{
    private const uint Magic = 0x4C444E42; // "BNDL" read as a little-endian uint
    private const int FormatVersion = 2; // 2 added the text vectoriser; version 1 files (without one) still load

    /// <summary>Writes <paramref name="network"/> with its scaler, names and text vectoriser to <paramref name="path"/>, atomically.</summary>
    /// <exception cref="ArgumentException">The scaler, the names or the vectoriser do not fit the network's inputs or outputs.</exception>
    public static void Save(
        string path, INetwork network, StandardScaler? scaler = null, IReadOnlyList<string>? classNames = null, IReadOnlyList<string>? featureNames = null, TextVectorizer? vectorizer = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(network);
        if (Mismatch(network, scaler, classNames, featureNames) is var (parameter, what))
        {
            throw new ArgumentException($"The bundle would have {what}.", parameter);
        }

        if (vectorizer is not null && VectorizerMismatch(network, vectorizer.SequenceLength, vectorizer.VocabularySize) is string wrong)
        {
            throw new ArgumentException($"The bundle would have {wrong}.", nameof(vectorizer));
        }

        using var content = new MemoryStream();
        using (var writer = new BinaryWriter(content, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(network.GetType().FullName ?? network.GetType().Name);
            writer.Write(ParameterFile.Architecture(network));
            writer.Write(network.ParameterCount);
            writer.Write(network.NonTrainableParameterCount);
            ParameterFile.WriteFloats(writer, network.Parameters);
            ParameterFile.WriteFloats(writer, network.NonTrainableParameters);
            writer.Write(scaler is null ? 0 : scaler.Mean.Count);
            for (int j = 0; j < (scaler?.Mean.Count ?? 0); j++)
            {
                writer.Write(scaler!.Mean[j]);
                writer.Write(scaler.Scale[j]);
            }

            WriteNames(writer, classNames);
            WriteNames(writer, featureNames);
            writer.Write(vectorizer is not null);
            if (vectorizer is not null)
            {
                writer.Write((int)vectorizer.Split);
                writer.Write(vectorizer.SequenceLength);
                writer.Write(vectorizer.Standardize);
                WriteNames(writer, vectorizer.Vocabulary);
            }

            ParameterFile.WriteChecksum(writer, content);
        }

        AtomicFile.Write(path, content.GetBuffer().AsSpan(0, (int)content.Length));
    }

    /// <summary>Reads a bundle into a new <typeparamref name="TNetwork"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a bundle, is corrupt or truncated, or was saved from another network (both are named).</exception>
    public static ModelBundle<TNetwork> Load<TNetwork>(string path)
        where TNetwork : INetwork, new()
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = ParameterFile.ReadFile(path, "model bundle");
        var network = new TNetwork();
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (bytes.Length < 16 || reader.ReadUInt32() != Magic)
            {
                throw new InvalidDataException($"{path}: not a StaticNet model bundle.");
            }

            int version = reader.ReadInt32();
            if (version is < 1 or > FormatVersion)
            {
                throw new InvalidDataException($"{path}: bundle format version {version}; this StaticNet reads versions 1 to {FormatVersion}.");
            }

            long start = stream.Position;
            ParameterFile.RequirePromisedLength(bytes, path, stream, reader, headerStrings: 2);
            stream.Position = start;
            ParameterFile.VerifyChecksum(bytes, path);

            string savedName = reader.ReadString();
            string expectedName = typeof(TNetwork).FullName ?? typeof(TNetwork).Name;
            if (savedName != expectedName)
            {
                throw new InvalidDataException($"{path}: saved from {savedName}, not {expectedName}.");
            }

            string savedArchitecture = reader.ReadString();
            string architecture = ParameterFile.Architecture(network);
            if (savedArchitecture != architecture)
            {
                throw new InvalidDataException($"{path}: saved from {savedName} as {savedArchitecture}, but {expectedName} is now {architecture}.");
            }

            int trainable = reader.ReadInt32(), nonTrainable = reader.ReadInt32();
            if (trainable != network.ParameterCount || nonTrainable != network.NonTrainableParameterCount)
            {
                throw new InvalidDataException($"{path}: {trainable} + {nonTrainable} parameters, but {expectedName} has {network.ParameterCount} + {network.NonTrainableParameterCount}.");
            }

            ParameterFile.ReadFiniteFloats(stream, trainable, path, "trainable").CopyTo(network.Parameters);
            ParameterFile.ReadFiniteFloats(stream, nonTrainable, path, "non-trainable").CopyTo(network.NonTrainableParameters);
            // Every count is checked against the network and against the bytes left before anything is allocated: a file with
            // a valid checksum may still have been written by something else, and must not load a scaler of the wrong width
            // or run out of memory on a count of int.MaxValue.
            int features = reader.ReadInt32();
            StandardScaler? scaler = null;
            if (features != 0 && features != network.InputSize)
            {
                throw new InvalidDataException($"{path}: a scaler of {features} features, but {expectedName} takes {network.InputSize} inputs.");
            }

            if (features > 0)
            {
                RequireBytes(path, stream, bytes, 16L * features, "the scaler's statistics");
                var mean = new double[features];
                var scale = new double[features];
                for (int j = 0; j < features; j++)
                {
                    mean[j] = reader.ReadDouble();
                    scale[j] = reader.ReadDouble();
                }

                try
                {
                    scaler = new StandardScaler(mean, scale);
                }
                catch (ArgumentException invalid)
                {
                    throw new InvalidDataException($"{path}: the saved scaler is invalid: {invalid.Message}", invalid);
                }
            }

            IReadOnlyList<string>? classNames = ReadNames(path, reader, stream, bytes, network.OutputSize, "class names", "outputs");
            IReadOnlyList<string>? featureNames = ReadNames(path, reader, stream, bytes, network.InputSize, "feature names", "inputs");
            TextVectorizer? vectorizer = version >= 2 && reader.ReadBoolean() ? ReadVectorizer(path, reader, stream, bytes, network) : null;
            if (stream.Position != bytes.Length - sizeof(ulong))
            {
                throw new InvalidDataException($"{path}: {bytes.Length - sizeof(ulong) - stream.Position} unexpected bytes before the checksum.");
            }

            return new ModelBundle<TNetwork>(network, scaler, classNames, featureNames, vectorizer);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{path}: the file ends early ({bytes.Length} bytes); it is truncated.");
        }
        catch (FormatException invalid)
        {
            // A string's length prefix that is not one: a file whose checksum was made for damaged content.
            throw new InvalidDataException($"{path}: a saved name or token is malformed: {invalid.Message}", invalid);
        }
    }

    /// <summary>
    /// What of a bundle's contents does not fit <paramref name="network"/> (the parameter and "2 class names, but IrisNet
    /// has 3 outputs"), or null: <see cref="Save"/> refuses it, and so does a checkpoint that saves bundles, before training.
    /// </summary>
    internal static (string Parameter, string What)? Mismatch(INetwork network, StandardScaler? scaler, IReadOnlyList<string>? classNames, IReadOnlyList<string>? featureNames)
    {
        string name = network.GetType().Name;
        if (scaler is not null && scaler.Mean.Count != network.InputSize)
        {
            return (nameof(scaler), $"a scaler of {scaler.Mean.Count} features, but {name} takes {network.InputSize} inputs");
        }

        if (classNames is not null && classNames.Count != network.OutputSize)
        {
            return (nameof(classNames), $"{classNames.Count} class names, but {name} has {network.OutputSize} outputs");
        }

        return featureNames is not null && featureNames.Count != network.InputSize
            ? (nameof(featureNames), $"{featureNames.Count} feature names, but {name} takes {network.InputSize} inputs")
            : null;
    }

    /// <summary>What of a vectoriser does not fit <paramref name="network"/> (its length, or ids beyond the embedding's table), or null.</summary>
    private static string? VectorizerMismatch(INetwork network, int sequenceLength, int vocabularySize)
    {
        string name = network.GetType().Name;
        if (sequenceLength != network.InputSize)
        {
            return $"a text vectoriser of {sequenceLength} ids a text, but {name} takes {network.InputSize} inputs";
        }

        return network.Layers[0] is EmbeddingLayerInfo embedding && vocabularySize > embedding.InputDim
            ? $"a vocabulary of {vocabularySize} tokens, but {name}'s {embedding.Name} has {embedding.InputDim} rows"
            : null;
    }

    private static TextVectorizer ReadVectorizer(string path, BinaryReader reader, MemoryStream stream, byte[] bytes, INetwork network)
    {
        int split = reader.ReadInt32(), length = reader.ReadInt32();
        bool standardize = reader.ReadBoolean();
        int count = reader.ReadInt32();
        if (!Enum.IsDefined((TextSplit)split) || count < 2)
        {
            throw new InvalidDataException($"{path}: the text vectoriser's settings are invalid (split {split}, {count} tokens).");
        }

        if (VectorizerMismatch(network, length, count) is string wrong)
        {
            throw new InvalidDataException($"{path}: {wrong}.");
        }

        RequireBytes(path, stream, bytes, count, "the vocabulary");
        string[] vocabulary = Enumerable.Range(0, count).Select(_ => reader.ReadString()).ToArray();
        try
        {
            return TextVectorizer.FromVocabulary(vocabulary, length, (TextSplit)split, standardize);
        }
        catch (ArgumentException invalid)
        {
            throw new InvalidDataException($"{path}: the saved vocabulary is invalid: {invalid.Message}", invalid);
        }
    }

    private static void WriteNames(BinaryWriter writer, IReadOnlyList<string>? names)
    {
        writer.Write(names?.Count ?? -1);
        foreach (string name in names ?? [])
        {
            writer.Write(name ?? throw new ArgumentException("A name is null."));
        }
    }

    /// <summary>A list of names: none (−1), or one per output or input, as <see cref="Save"/> writes them.</summary>
    private static string[]? ReadNames(string path, BinaryReader reader, MemoryStream stream, byte[] bytes, int expected, string what, string per)
    {
        int count = reader.ReadInt32();
        if (count == -1)
        {
            return null;
        }

        if (count != expected)
        {
            throw new InvalidDataException($"{path}: {count} {what}, but the network has {expected} {per}.");
        }

        RequireBytes(path, stream, bytes, count, what); // each name takes at least its length's byte
        return Enumerable.Range(0, count).Select(_ => reader.ReadString()).ToArray();
    }

    private static void RequireBytes(string path, MemoryStream stream, byte[] bytes, long needed, string what)
    {
        long left = bytes.Length - sizeof(ulong) - stream.Position;
        if (needed > left)
        {
            throw new InvalidDataException(FormattableString.Invariant($"{path}: {what} need at least {needed:N0} bytes, but {left:N0} are left before the checksum."));
        }
    }
}
