using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using StaticNet.Tests.Networks;

namespace StaticNet.Tests.Hardening;

/// <summary>
/// A bundle with a valid checksum but content that does not fit the network (written by something else, or by a bug) is
/// refused with what does not fit, before anything is allocated from its counts; paths that are folders or long names work
/// or say why not.
/// </summary>
public sealed class FileTrustTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("snet-files").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string SaveBundle()
    {
        Dataset raw = TestData.Iris();
        var (scaler, _) = StandardScaler.FitTransform(raw);
        string path = Path.Combine(_folder, "iris.snetmodel");
        ModelBundle.Save(path, new IrisNet(5), scaler, ["setosa", "versicolor", "virginica"], raw.FeatureNames);
        return path;
    }

    /// <summary>Where the scaler's feature count sits in a bundle: after the header strings, the counts and the parameters.</summary>
    private static int FeaturesOffset(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        reader.ReadUInt32();
        reader.ReadInt32();
        reader.ReadString();
        reader.ReadString();
        int trainable = reader.ReadInt32(), nonTrainable = reader.ReadInt32();
        return (int)reader.BaseStream.Position + 4 * (trainable + nonTrainable);
    }

    /// <summary>Writes <paramref name="bytes"/> with the int at <paramref name="offset"/> replaced and the checksum made valid again.</summary>
    private static void Patch(string path, byte[] bytes, int offset, int value)
    {
        byte[] patched = bytes.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(patched.AsSpan(offset), value);
        BinaryPrimitives.WriteUInt64LittleEndian(patched.AsSpan(patched.Length - 8), XxHash64.HashToUInt64(patched.AsSpan(0, patched.Length - 8)));
        File.WriteAllBytes(path, patched);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(int.MaxValue)]
    [InlineData(-7)]
    public void A_scaler_of_the_wrong_width_with_a_valid_checksum_is_refused(int features)
    {
        string path = SaveBundle();
        byte[] bytes = File.ReadAllBytes(path);
        Patch(path, bytes, FeaturesOffset(bytes), features);
        var error = Assert.Throws<InvalidDataException>(() => ModelBundle.Load<IrisNet>(path));
        Assert.Contains($"a scaler of {features} features, but StaticNet.Tests.Networks.IrisNet takes 4 inputs", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "2 class names, but the network has 3 outputs")]
    [InlineData(int.MaxValue, "2147483647 class names, but the network has 3 outputs")]
    [InlineData(-2, "-2 class names, but the network has 3 outputs")]
    public void Class_names_of_the_wrong_count_with_a_valid_checksum_are_refused(int count, string message)
    {
        string path = SaveBundle();
        byte[] bytes = File.ReadAllBytes(path);
        Patch(path, bytes, FeaturesOffset(bytes) + 4 + 4 * 16, count);
        Assert.Contains(message, Assert.Throws<InvalidDataException>(() => ModelBundle.Load<IrisNet>(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_saved_scaler_with_a_zero_scale_is_refused_as_invalid_data()
    {
        string path = SaveBundle();
        byte[] bytes = File.ReadAllBytes(path);
        int scale0 = FeaturesOffset(bytes) + 4 + 8;
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(scale0), 0);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(bytes.Length - 8), XxHash64.HashToUInt64(bytes.AsSpan(0, bytes.Length - 8)));
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<InvalidDataException>(() => ModelBundle.Load<IrisNet>(path));
        Assert.Contains("the saved scaler is invalid: Feature 0's scale is 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_bundle_says_so_with_its_length_against_its_header()
    {
        string path = SaveBundle();
        byte[] bytes = File.ReadAllBytes(path);
        int cut = FeaturesOffset(bytes) - 100; // inside the parameters
        File.WriteAllBytes(path, bytes[..cut]);
        var error = Assert.Throws<InvalidDataException>(() => ModelBundle.Load<IrisNet>(path));
        Assert.Contains($"the file is truncated: it has {cut:N0} bytes, but its header promises at least", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_given_as_a_file_is_named_as_a_folder()
    {
        var bundle = Assert.Throws<IOException>(() => ModelBundle.Load<IrisNet>(_folder));
        Assert.Contains($"{_folder} is a directory, not a model bundle", bundle.Message, StringComparison.Ordinal);
        var parameters = Assert.Throws<IOException>(() => new IrisNet(1).LoadParameters(_folder));
        Assert.Contains("is a directory, not a parameter file", parameters.Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => new IrisNet(1).LoadParameters(Path.Combine(_folder, "missing.snet")));
    }

    [Fact]
    public void A_file_name_at_the_length_limit_saves_and_loads()
    {
        // 255 bytes is the longest name on Linux, macOS and Windows file systems; the temporary file must not add to it.
        string path = Path.Combine(_folder, new string('w', 250) + ".snet");
        var net = new IrisNet(3);
        net.SaveParameters(path);
        var loaded = new IrisNet(9);
        loaded.LoadParameters(path);
        Assert.Equal(net.Parameters.ToArray(), loaded.Parameters.ToArray());
        Assert.Single(Directory.GetFiles(_folder));
    }
}

/// <summary>
/// Fault injection: thousands of damaged files — cut short, bytes flipped, counts overwritten, bytes appended, each with
/// its checksum made valid again so the parser itself meets the damage — load or are refused as invalid data; none
/// escapes as another exception (an index out of range, an out-of-memory, an overflow).
/// </summary>
public sealed class DamagedFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("snet-damage").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static byte[] Damage(byte[] original, Random random, out string how)
    {
        byte[] bytes = original.ToArray();
        switch (random.Next(4))
        {
            case 0:
                int length = random.Next(bytes.Length);
                how = $"cut to {length} bytes";
                return bytes[..length];
            case 1:
                int flips = 1 + random.Next(4);
                how = $"{flips} bytes changed";
                for (int i = 0; i < flips; i++)
                {
                    bytes[random.Next(bytes.Length - 8)] = (byte)random.Next(256);
                }

                break;
            case 2:
                int at = random.Next(bytes.Length - 12);
                int value = random.Next(3) switch { 0 => int.MaxValue, 1 => -random.Next(1, 1000), _ => random.Next() };
                how = $"int {value} written at {at}";
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), value);
                break;
            default:
                int extra = 1 + random.Next(64);
                how = $"{extra} bytes appended";
                byte[] longer = new byte[bytes.Length + extra];
                bytes.AsSpan(0, bytes.Length - 8).CopyTo(longer);
                random.NextBytes(longer.AsSpan(bytes.Length - 8, extra));
                bytes = longer;
                break;
        }

        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(bytes.Length - 8), XxHash64.HashToUInt64(bytes.AsSpan(0, bytes.Length - 8)));
        return bytes;
    }

    [Fact]
    public void A_damaged_bundle_or_parameter_file_loads_or_is_refused_as_invalid_data()
    {
        Dataset raw = TestData.Iris();
        var (scaler, _) = StandardScaler.FitTransform(raw);
        string bundle = Path.Combine(_folder, "iris.snetmodel"), parameters = Path.Combine(_folder, "iris.snet");
        ModelBundle.Save(bundle, new IrisNet(5), scaler, ["setosa", "versicolor", "virginica"], raw.FeatureNames);
        new IrisNet(5).SaveParameters(parameters);
        byte[] bundleBytes = File.ReadAllBytes(bundle), parameterBytes = File.ReadAllBytes(parameters);
        string damaged = Path.Combine(_folder, "damaged");
        var random = new Random(18);
        int refused = 0;
        for (int trial = 0; trial < 2000; trial++)
        {
            bool isBundle = trial % 2 == 0;
            File.WriteAllBytes(damaged, Damage(isBundle ? bundleBytes : parameterBytes, random, out string how));
            try
            {
                if (isBundle)
                {
                    ModelBundle.Load<IrisNet>(damaged);
                }
                else
                {
                    new IrisNet(1).LoadParameters(damaged);
                }
            }
            catch (InvalidDataException)
            {
                refused++;
            }
            catch (Exception other)
            {
                Assert.Fail($"Trial {trial} ({(isBundle ? "bundle" : "parameter file")}, {how}): {other.GetType().Name}: {other.Message}");
            }
        }

        Assert.True(refused > 1000, $"only {refused} of 2,000 damaged files were refused");
    }
}
