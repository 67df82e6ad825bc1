using System.Diagnostics;

namespace StaticNet.Tests.Package;

/// <summary>
/// The Iris sample published with Native AOT at the default instruction set: no warnings, and the binary trains to the
/// JIT's numbers. In the "Builds" collection with the package test, so two builds of the same projects never overlap.
/// </summary>
[Collection("Builds")]
[Trait("Category", "Slow")] // a Native AOT publish
public class NativeAotTests
{
    [Fact]
    public void The_iris_sample_publishes_with_native_aot_without_warnings_and_the_binary_trains_as_the_jit_does()
    {
        string root = PackageConsumerTests.Root;
        string output = Directory.CreateTempSubdirectory("snet-aot").FullName;
        try
        {
            var publish = PackageConsumerTests.Run(root, "publish", Path.Combine(root, "samples", "Iris", "Iris.csproj"), "-c", "Release", "-r", "linux-x64", "-o", output);
            Assert.True(publish.ExitCode == 0, publish.Output);
            Assert.DoesNotContain("warning", publish.Output, StringComparison.OrdinalIgnoreCase);

            var start = new ProcessStartInfo(Path.Combine(output, "Iris")) { RedirectStandardOutput = true, WorkingDirectory = output };
            using Process process = Process.Start(start)!;
            string text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);

            // The same numbers as `dotnet run` prints (README): the portable paths round as the vector ones do.
            Assert.Contains("Epoch 100/100 - loss: 0.0365 - accuracy: 0.9750", text);
            Assert.Contains("Test accuracy: 0.9667", text);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
