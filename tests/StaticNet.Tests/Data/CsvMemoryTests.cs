using System.Globalization;
using System.Text;

namespace StaticNet.Tests.Data;

/// <summary>
/// A large file streams: everything a load allocates, garbage included, is the dataset's floats plus a constant, so its
/// peak cannot be more. (Reading the whole text and growing lists held 4.4× the file at its peak.)
/// </summary>
public class CsvMemoryTests
{
    [Fact]
    public void Loading_allocates_the_floats_and_a_constant_not_the_text()
    {
        const int Rows = 20_000, Features = 50;
        string path = Path.Combine(Path.GetTempPath(), $"staticnet-csv-memory-{Environment.ProcessId}.csv");
        var random = new SeededRandom(1);
        try
        {
            using (var writer = new StreamWriter(path, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
            {
                writer.WriteLine(string.Join(',', Enumerable.Range(0, Features).Select(f => $"feature_{f}").Append("label")));
                var line = new StringBuilder();
                for (int r = 0; r < Rows; r++)
                {
                    line.Clear();
                    for (int f = 0; f < Features; f++)
                    {
                        line.Append((random.NextSingle() * 200 - 100).ToString("R", CultureInfo.InvariantCulture)).Append(',');
                    }

                    writer.WriteLine(line.Append(r % 3).Append(r % 100 == 0 ? "\r\n" : string.Empty));
                }
            }

            long fileBytes = new FileInfo(path).Length;
            Csv.Load(path, "label", classCount: 3); // once, so that what is allocated once per process is not counted
            long before = GC.GetAllocatedBytesForCurrentThread();
            Dataset data = Csv.Load(path, "label", classCount: 3);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(Rows, data.Count); // the blank line after every hundredth row is skipped
            Assert.Equal(Features, data.FeatureCount);
            long floats = 4L * Rows * (Features + 1);
            Assert.True(fileBytes > 2 * floats, $"the file ({fileBytes:N0} bytes) is larger than its floats ({floats:N0})");
            Assert.True(allocated < floats + 2_000_000, $"allocated {allocated:N0} bytes for {floats:N0} bytes of floats from a file of {fileBytes:N0}");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
