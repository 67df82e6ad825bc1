using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace StaticNet;

/// <summary>
/// Saves and loads a network's parameters. The file is a small header (a magic number, a format version, the layer shapes)
/// followed by the parameters as little-endian float32, in the network's flat layout. Saving writes a temporary file
/// beside the target and renames it over the target, so a crash or a full disk never leaves a half-written model.
/// </summary>
public static class ParameterFile
{
    private const uint Magic = 0x54454E53; // "SNET" read as a little-endian uint
    private const int FormatVersion = 1;

    /// <summary>Writes <paramref name="network"/>'s parameters to <paramref name="path"/>, atomically.</summary>
    public static void SaveParameters(this INetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = Path.GetFullPath(path);
        string temporary = fullPath + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var writer = new BinaryWriter(stream))
            {
                writer.Write(Magic);
                writer.Write(FormatVersion);
                writer.Write(network.InputSize);
                writer.Write(network.Layers.Count);
                foreach (LayerInfo layer in network.Layers)
                {
                    writer.Write(layer.Units);
                }

                writer.Write(network.ParameterCount);
                WriteFloats(writer, network.Parameters);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Reads parameters saved by <see cref="SaveParameters"/> into <paramref name="network"/>, checking the shapes match first.</summary>
    /// <exception cref="InvalidDataException">The file is not a StaticNet parameter file, or it was saved from a network of another shape.</exception>
    public static void LoadParameters(this INetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        try
        {
            if (reader.ReadUInt32() != Magic)
            {
                throw new InvalidDataException($"{path}: not a StaticNet parameter file.");
            }

            int version = reader.ReadInt32();
            if (version != FormatVersion)
            {
                throw new InvalidDataException($"{path}: format version {version}; this StaticNet reads version {FormatVersion}.");
            }

            int inputSize = reader.ReadInt32();
            int layerCount = reader.ReadInt32();
            if (layerCount < 0 || layerCount > 10_000)
            {
                throw new InvalidDataException($"{path}: corrupt header ({layerCount} layers).");
            }

            var units = new int[layerCount];
            for (int i = 0; i < layerCount; i++)
            {
                units[i] = reader.ReadInt32();
            }

            string saved = Shape(inputSize, units);
            string expected = Shape(network.InputSize, network.Layers.Select(l => l.Units));
            if (saved != expected)
            {
                throw new InvalidDataException($"{path}: saved from a network of shape {saved}, but {network.GetType().Name} has shape {expected}.");
            }

            int count = reader.ReadInt32();
            if (count != network.ParameterCount)
            {
                throw new InvalidDataException($"{path}: holds {count} parameters, expected {network.ParameterCount}.");
            }

            var values = new float[count];
            Span<byte> bytes = MemoryMarshal.AsBytes(values.AsSpan());
            stream.ReadExactly(bytes);
            if (!BitConverter.IsLittleEndian)
            {
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReverseEndianness(BitConverter.SingleToInt32Bits(values[i])));
                }
            }

            if (stream.Position != stream.Length)
            {
                throw new InvalidDataException($"{path}: {stream.Length - stream.Position} unexpected bytes after the parameters.");
            }

            values.CopyTo(network.Parameters);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{path}: the file ends early ({stream.Length} bytes); it is truncated.");
        }
    }

    private static string Shape(int inputSize, IEnumerable<int> units) => string.Join("-", units.Prepend(inputSize));

    private static void WriteFloats(BinaryWriter writer, ReadOnlySpan<float> values)
    {
        foreach (float value in values)
        {
            writer.Write(value); // BinaryWriter writes little-endian on every platform
        }
    }
}
