using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace StaticNet;

/// <summary>
/// Saves and loads a network's parameters. Format version 3: a magic number, the version, the network's architecture as
/// text (input size, each layer's kind, size, activation and settings, and the loss), the trainable then the
/// non-trainable parameters as little-endian float32 in the network's layout, and an XxHash64 checksum of everything
/// before it. Saving writes a temporary file beside the target and renames it over the target, so a crash or a full disk
/// never leaves a half-written model; loading verifies the checksum, then the architecture and every length, before it
/// changes anything. Files of versions 1 and 2 (no checksum, sizes only) still load.
/// </summary>
public static class ParameterFile
{
    private const uint Magic = 0x54454E53; // "SNET" read as a little-endian uint
    private const int FormatVersion = 3;
    private const int ChecksumBytes = sizeof(ulong);

    /// <summary>Writes <paramref name="network"/>'s parameters (trainable and non-trainable) to <paramref name="path"/>, atomically.</summary>
    public static void SaveParameters(this INetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var content = new MemoryStream();
        using (var writer = new BinaryWriter(content, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(Architecture(network));
            writer.Write(network.ParameterCount);
            writer.Write(network.NonTrainableParameterCount);
            WriteFloats(writer, network.Parameters);
            WriteFloats(writer, network.NonTrainableParameters);
            WriteChecksum(writer, content);
        }

        AtomicFile.Write(path, content.GetBuffer().AsSpan(0, (int)content.Length));
    }

    /// <summary>
    /// Reads parameters saved by <see cref="SaveParameters"/> into <paramref name="network"/>. Nothing changes unless the
    /// file is intact (its checksum matches) and was saved from a network of the same architecture.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a parameter file, is corrupt or truncated, or holds another architecture (both are named).</exception>
    public static void LoadParameters(this INetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = ReadFile(path, "parameter file");
        using var stream = new MemoryStream(bytes, writable: false);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            if (reader.ReadUInt32() != Magic)
            {
                throw new InvalidDataException($"{path}: not a StaticNet parameter file.");
            }

            int version = reader.ReadInt32();
            float[] values, state;
            switch (version)
            {
                case FormatVersion:
                    (values, state) = ReadVersion3(network, path, bytes, stream, reader);
                    break;
                case 1 or 2:
                    (values, state) = ReadVersion1Or2(network, path, version, stream, reader);
                    break;
                default:
                    throw new InvalidDataException($"{path}: format version {version}; this StaticNet reads versions 1 to {FormatVersion}.");
            }

            values.CopyTo(network.Parameters);
            state.CopyTo(network.NonTrainableParameters);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{path}: the file ends early ({bytes.Length} bytes); it is truncated.");
        }
    }

    /// <summary>
    /// The architecture as the file records it: <c>Input(4) → Dense(10, ReLU) → Dense(3, Softmax); loss SparseCategoricalCrossEntropy</c>
    /// (an image's input reads <c>Input(28, 28, 1)</c>).
    /// Two networks with equal architectures read each other's parameters the same way.
    /// </summary>
    public static string Architecture(INetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        IEnumerable<string> layers = network.Layers.Select(l => l.Describe()).Prepend($"Input({string.Join(", ", network.Layers[0].InputShape)})");
        return string.Join(" → ", layers) + "; loss " + network.Loss;
    }

    private static (float[] Values, float[] State) ReadVersion3(INetwork network, string path, byte[] bytes, MemoryStream stream, BinaryReader reader)
    {
        // A file cut short says so, with its length against what its header promises, before the checksum (which it fails
        // too) calls it corrupt.
        long start = stream.Position;
        RequirePromisedLength(bytes, path, stream, reader, headerStrings: 1);
        stream.Position = start;

        // The checksum first: a flipped bit anywhere must not load as a model that predicts nonsense.
        VerifyChecksum(bytes, path);

        string saved = reader.ReadString();
        string expected = Architecture(network);
        if (saved != expected)
        {
            throw new InvalidDataException($"{path}: saved from a network {saved}, but {network.GetType().Name} is {expected}.");
        }

        (float[] values, float[] state) = ReadParameters(network, path, stream, reader, withNonTrainable: true);
        if (stream.Position != bytes.Length - ChecksumBytes)
        {
            throw new InvalidDataException($"{path}: {bytes.Length - ChecksumBytes - stream.Position} unexpected bytes after the parameters.");
        }

        return (values, state);
    }

    /// <summary>Versions 1 and 2: sizes only (no activations, no loss) and no checksum.</summary>
    private static (float[] Values, float[] State) ReadVersion1Or2(INetwork network, string path, int version, MemoryStream stream, BinaryReader reader)
    {
        int inputSize = reader.ReadInt32();
        int layerCount = reader.ReadInt32();
        if (layerCount < 0 || layerCount > 10_000)
        {
            throw new InvalidDataException($"{path}: corrupt header ({layerCount} layers).");
        }

        var saved = new List<string>(layerCount);
        for (int i = 0; i < layerCount; i++)
        {
            saved.Add(version == 1 ? $"Dense({reader.ReadInt32()})" : SizesOf(reader.ReadString(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32()));
        }

        string savedArchitecture = string.Join(" → ", saved.Prepend($"Input({inputSize})"));
        string expected = string.Join(" → ", network.Layers
            .Select(l => version == 1 ? $"{l.Type}({l.OutputSize})" : SizesOf(l.Type, l.OutputSize, l.ParameterCount, l.NonTrainableParameterCount))
            .Prepend($"Input({network.InputSize})"));
        if (savedArchitecture != expected)
        {
            throw new InvalidDataException($"{path}: saved from a network {savedArchitecture}, but {network.GetType().Name} is {expected}.");
        }

        (float[] values, float[] state) = ReadParameters(network, path, stream, reader, withNonTrainable: version == 2);
        if (stream.Position != stream.Length)
        {
            throw new InvalidDataException($"{path}: {stream.Length - stream.Position} unexpected bytes after the parameters.");
        }

        return (values, state);
    }

    private static (float[] Values, float[] State) ReadParameters(INetwork network, string path, MemoryStream stream, BinaryReader reader, bool withNonTrainable)
    {
        int count = reader.ReadInt32();
        int nonTrainable = withNonTrainable ? reader.ReadInt32() : 0;
        if (count != network.ParameterCount || nonTrainable != network.NonTrainableParameterCount)
        {
            throw new InvalidDataException(
                $"{path}: holds {count} trainable and {nonTrainable} non-trainable parameters, expected {network.ParameterCount} and {network.NonTrainableParameterCount}.");
        }

        return (ReadFiniteFloats(stream, count, path, "trainable"), ReadFiniteFloats(stream, nonTrainable, path, "non-trainable"));
    }

    private static string SizesOf(string type, int outputs, int trainable, int nonTrainable) =>
        nonTrainable == 0 ? $"{type}({outputs}, {trainable} parameters)" : $"{type}({outputs}, {trainable} + {nonTrainable} parameters)";

    /// <summary>The bytes of the file at <paramref name="path"/>, said to be a folder or missing where it is (<paramref name="what"/>: the kind).</summary>
    internal static byte[] ReadFile(string path, string what) => File.ReadAllBytes(FilePaths.RequireFile(path, what));

    /// <summary>
    /// Reads ahead, past <paramref name="headerStrings"/> strings, the two parameter counts, and throws "truncated" where the
    /// file is shorter than the parameters and the checksum they promise. A header that does not read leaves the verdict
    /// to the checksum.
    /// </summary>
    internal static void RequirePromisedLength(byte[] bytes, string path, MemoryStream stream, BinaryReader reader, int headerStrings)
    {
        long promised;
        try
        {
            for (int i = 0; i < headerStrings; i++)
            {
                reader.ReadString();
            }

            int trainable = reader.ReadInt32(), nonTrainable = reader.ReadInt32();
            if (trainable < 0 || nonTrainable < 0)
            {
                return;
            }

            promised = stream.Position + 4L * trainable + 4L * nonTrainable + ChecksumBytes;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or FormatException)
        {
            return;
        }

        if (bytes.Length < promised)
        {
            throw new InvalidDataException(
                FormattableString.Invariant($"{path}: the file is truncated: it has {bytes.Length:N0} bytes, but its header promises at least {promised:N0} (its parameters and checksum)."));
        }
    }

    /// <summary>Appends the XxHash64 of everything written so far: the last 8 bytes of a parameter file or a bundle.</summary>
    internal static void WriteChecksum(BinaryWriter writer, MemoryStream content)
    {
        writer.Flush();
        writer.Write(XxHash64.HashToUInt64(content.GetBuffer().AsSpan(0, (int)content.Length)));
    }

    /// <summary>Checks the last 8 bytes of <paramref name="bytes"/> against the XxHash64 of the rest (a file too short to hold one is truncated).</summary>
    internal static void VerifyChecksum(byte[] bytes, string path)
    {
        if (bytes.Length < 8 + ChecksumBytes)
        {
            throw new EndOfStreamException();
        }

        ulong stored = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(bytes.Length - ChecksumBytes));
        ulong computed = XxHash64.HashToUInt64(bytes.AsSpan(0, bytes.Length - ChecksumBytes));
        if (stored != computed)
        {
            throw new InvalidDataException(
                $"{path}: the checksum does not match (stored {stored:x16}, computed {computed:x16}): the file is corrupt or was changed after it was saved.");
        }
    }

    /// <summary>
    /// Parameters as <see cref="ReadFloats"/> reads them, refused where one is NaN or infinite: training never saves such a
    /// network, and loading one would make every prediction NaN with no word of why.
    /// </summary>
    internal static float[] ReadFiniteFloats(Stream stream, int count, string path, string what)
    {
        float[] values = ReadFloats(stream, count);
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                throw new InvalidDataException(FormattableString.Invariant($"{path}: {what} parameter {i} is {values[i]}; a network's saved parameters are finite."));
            }
        }

        return values;
    }

    internal static float[] ReadFloats(Stream stream, int count)
    {
        var values = new float[count];
        stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        if (!BitConverter.IsLittleEndian)
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReverseEndianness(BitConverter.SingleToInt32Bits(values[i])));
            }
        }

        return values;
    }

    internal static void WriteFloats(BinaryWriter writer, ReadOnlySpan<float> values)
    {
        foreach (float value in values)
        {
            writer.Write(value); // BinaryWriter writes little-endian on every platform
        }
    }
}
