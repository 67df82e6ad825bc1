using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace StaticNet;

/// <summary>
/// Saves and loads a network's parameters. The file is a small header (a magic number, a format version, the input size
/// and each layer's type, output size and parameter counts) followed by the trainable then the non-trainable parameters
/// as little-endian float32, in the network's layout. Saving writes a temporary file beside the target and renames it
/// over the target, so a crash or a full disk never leaves a half-written model; loading checks the architecture and every
/// length before it changes anything.
/// </summary>
public static class ParameterFile
{
    private const uint Magic = 0x54454E53; // "SNET" read as a little-endian uint
    private const int FormatVersion = 2;

    /// <summary>Writes <paramref name="network"/>'s parameters (trainable and non-trainable) to <paramref name="path"/>, atomically.</summary>
    public static void SaveParameters(this INetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = Path.GetFullPath(path);
        string temporary = fullPath + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var writer = new BinaryWriter(stream, Encoding.UTF8))
            {
                writer.Write(Magic);
                writer.Write(FormatVersion);
                writer.Write(network.InputSize);
                writer.Write(network.Layers.Count);
                foreach (LayerInfo layer in network.Layers)
                {
                    writer.Write(layer.Type);
                    writer.Write(layer.OutputSize);
                    writer.Write(layer.ParameterCount);
                    writer.Write(layer.NonTrainableParameterCount);
                }

                writer.Write(network.ParameterCount);
                writer.Write(network.NonTrainableParameterCount);
                WriteFloats(writer, network.Parameters);
                WriteFloats(writer, network.NonTrainableParameters);
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

    /// <summary>
    /// Reads parameters saved by <see cref="SaveParameters"/> into <paramref name="network"/>, checking the architecture
    /// matches first. Files of format version 1 (Dense-only networks, before non-trainable parameters existed) still load.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a StaticNet parameter file, is truncated, or was saved from a network of another architecture.</exception>
    public static void LoadParameters(this INetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            if (reader.ReadUInt32() != Magic)
            {
                throw new InvalidDataException($"{path}: not a StaticNet parameter file.");
            }

            int version = reader.ReadInt32();
            if (version is not (1 or FormatVersion))
            {
                throw new InvalidDataException($"{path}: format version {version}; this StaticNet reads versions 1 and {FormatVersion}.");
            }

            int inputSize = reader.ReadInt32();
            int layerCount = reader.ReadInt32();
            if (layerCount < 0 || layerCount > 10_000)
            {
                throw new InvalidDataException($"{path}: corrupt header ({layerCount} layers).");
            }

            var saved = new List<string>(layerCount);
            for (int i = 0; i < layerCount; i++)
            {
                saved.Add(version == 1 ? $"Dense({reader.ReadInt32()})" : Describe(reader.ReadString(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32()));
            }

            string savedArchitecture = Architecture(inputSize, saved);
            string expected = Architecture(
                network.InputSize,
                network.Layers.Select(l => version == 1 ? $"{l.Type}({l.OutputSize})" : Describe(l.Type, l.OutputSize, l.ParameterCount, l.NonTrainableParameterCount)));
            if (savedArchitecture != expected)
            {
                throw new InvalidDataException($"{path}: saved from a network {savedArchitecture}, but {network.GetType().Name} is {expected}.");
            }

            int count = reader.ReadInt32();
            int nonTrainable = version == 1 ? 0 : reader.ReadInt32();
            if (count != network.ParameterCount || nonTrainable != network.NonTrainableParameterCount)
            {
                throw new InvalidDataException(
                    $"{path}: holds {count} trainable and {nonTrainable} non-trainable parameters, expected {network.ParameterCount} and {network.NonTrainableParameterCount}.");
            }

            float[] values = ReadFloats(stream, count);
            float[] state = ReadFloats(stream, nonTrainable);
            if (stream.Position != stream.Length)
            {
                throw new InvalidDataException($"{path}: {stream.Length - stream.Position} unexpected bytes after the parameters.");
            }

            values.CopyTo(network.Parameters);
            state.CopyTo(network.NonTrainableParameters);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{path}: the file ends early ({stream.Length} bytes); it is truncated.");
        }
    }

    private static string Describe(string type, int outputs, int trainable, int nonTrainable) =>
        nonTrainable == 0 ? $"{type}({outputs}, {trainable} parameters)" : $"{type}({outputs}, {trainable} + {nonTrainable} parameters)";

    private static string Architecture(int inputSize, IEnumerable<string> layers) => string.Join(" → ", layers.Prepend($"Input({inputSize})"));

    private static float[] ReadFloats(Stream stream, int count)
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

    private static void WriteFloats(BinaryWriter writer, ReadOnlySpan<float> values)
    {
        foreach (float value in values)
        {
            writer.Write(value); // BinaryWriter writes little-endian on every platform
        }
    }
}
