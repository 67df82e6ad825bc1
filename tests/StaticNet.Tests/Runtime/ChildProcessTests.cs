using System.Diagnostics;
using System.Runtime.Intrinsics;

namespace StaticNet.Tests.Runtime;

/// <summary>
/// Runs parts of this test suite again in child processes under other runtime settings: with AVX-512 and with AVX2
/// switched off (so the generated SIMD code takes its portable path), and with the JIT reporting what it compiled
/// (so we can see no generated method is left unoptimised).
/// </summary>
public class ChildProcessTests
{
    private const string NumericsFilter =
        "FullyQualifiedName~PyTorchAgreementTests|FullyQualifiedName~ConvolutionAgreementTests|FullyQualifiedName~SubnormalTests|FullyQualifiedName~BatchForwardTests|FullyQualifiedName~GradientCheckTests|FullyQualifiedName~StaticNet.Tests.Layers|FullyQualifiedName~FloatMathTests|FullyQualifiedName~GeneratedNetworkTests.Train_step_compute_loss|FullyQualifiedName~ChildProcessTests.The_child_sees_the_instruction_sets_it_was_given";

    [Theory]
    [Trait("Category", "Slow")] // three child test runs, 1–2 minutes each on a 2-core machine
    // .NET 10 reads DOTNET_EnableAVX512 (the older DOTNET_EnableAVX512F is ignored: checked on this runtime).
    [InlineData("DOTNET_EnableAVX512", "STATICNET_EXPECT_NO_AVX512")]
    [InlineData("DOTNET_EnableAVX2", "STATICNET_EXPECT_NO_AVX2")]
    // No SIMD at all: every generated method's scalar path and the runtime's reference loops.
    [InlineData("DOTNET_EnableHWIntrinsic", "STATICNET_EXPECT_NO_SIMD")]
    public void Numerics_hold_without_an_instruction_set(string switchOff, string expectation)
    {
        var (exitCode, output) = RunTests(NumericsFilter, new() { [switchOff] = "0", [expectation] = "1" });
        Assert.True(exitCode == 0, output);
        Assert.Matches(@"Passed!\s+- Failed:\s+0, Passed:\s+[1-9]\d{2,}", output); // hundreds of cases ran, none failed
    }

    [Fact]
    public void The_child_sees_the_instruction_sets_it_was_given()
    {
        // Runs in the children above (and harmlessly here): proves the switch reached the runtime, so the portable
        // paths were what the numerics tests exercised.
        if (Environment.GetEnvironmentVariable("STATICNET_EXPECT_NO_AVX2") == "1")
        {
            Assert.False(Vector256.IsHardwareAccelerated);
        }

        if (Environment.GetEnvironmentVariable("STATICNET_EXPECT_NO_AVX512") == "1")
        {
            Assert.False(Vector512.IsHardwareAccelerated);
        }

        if (Environment.GetEnvironmentVariable("STATICNET_EXPECT_NO_SIMD") == "1")
        {
            Assert.False(Vector128.IsHardwareAccelerated);
            return;
        }

        Assert.True(Vector128.IsHardwareAccelerated || !System.Runtime.Intrinsics.X86.Sse.IsSupported);
    }

    [Fact]
    public void No_generated_method_stays_unoptimised_after_warm_up()
    {
        string[] lines = RunWithJitSummary(
            "FullyQualifiedName~IrisEndToEndTests.Seed_42|FullyQualifiedName~IrisEndToEndTests.Predictions|FullyQualifiedName~DropoutTests.Fit_with|FullyQualifiedName~BatchNormalizationTests.Fit_trains",
            []);
        string[] generated = lines.Where(l => l.Contains("StaticNet.Tests.Networks.IrisNet:", StringComparison.Ordinal)).ToArray();

        // Fit trains through TrainBatch, Evaluate through ComputeLoss (the mini-batch forward methods), Predict
        // through the one-sample Forward (the layers written out in it).
        const string Parameters = "System.ReadOnlySpan`1[float],";
        foreach (string method in new[]
        {
            "Dense1ForwardBatch(", "Dense2ForwardBatch(", "Dense3ForwardBatch(", "Dense1BackwardBatch(", "Dense2BackwardBatch(", "Dense3BackwardBatch(",
            "TrainBatch(" + Parameters + "System.ReadOnlySpan`1[float],System.ReadOnlySpan`1[float],int,",
            "ComputeLoss(" + Parameters + "System.ReadOnlySpan`1[float],System.ReadOnlySpan`1[float],int,",
            "Forward(" + Parameters + "System.ReadOnlySpan`1[float],System.Span`1[float])",
        })
        {
            string[] compilations = generated.Where(l => l.Contains(":" + method, StringComparison.Ordinal)).ToArray();
            Assert.NotEmpty(compilations);
            Assert.DoesNotContain(compilations, l => l.Contains("MinOpt", StringComparison.OrdinalIgnoreCase));
            Assert.True(
                compilations.Any(l => l.Contains("FullOpts", StringComparison.Ordinal) || l.Contains("Tier1", StringComparison.Ordinal)),
                $"{method} was never compiled with optimisation:\n{string.Join("\n", compilations)}");
        }

        // Networks with dropout and batch normalisation trained by Fit (the second also evaluated): their steps and passes too.
        foreach (var (network, extra) in new[] { ("DropoutNet", "Dense3ForwardBatch("), ("BatchNormNet", "ComputeLoss(" + Parameters) })
        {
            string[] methods = lines.Where(l => l.Contains($"StaticNet.Tests.Networks.{network}:", StringComparison.Ordinal)).ToArray();
            foreach (string method in new[] { "TrainBatch(" + Parameters, "Dense1ForwardBatch(", "Dense1BackwardBatch(", "Dense2BackwardBatch(", extra })
            {
                string[] compilations = methods.Where(l => l.Contains(":" + method, StringComparison.Ordinal)).ToArray();
                Assert.NotEmpty(compilations);
                Assert.DoesNotContain(compilations, l => l.Contains("MinOpt", StringComparison.OrdinalIgnoreCase));
                Assert.Contains(compilations, l => l.Contains("FullOpts", StringComparison.Ordinal) || l.Contains("Tier1", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void Without_256_bit_vectors_training_runs_the_128_bit_passes()
    {
        // What a default Native AOT build has: 128-bit vectors only. Training must hand over to the generated 128-bit
        // twins, or to the passes generic over the width at 128 bits (the forward passes, the output layer's backward),
        // not fall back to the runtime's row loops (3–4× slower): the JIT's summary names what was called.
        string[] lines = RunWithJitSummary("FullyQualifiedName~IrisEndToEndTests.Seed_42", new() { ["DOTNET_EnableAVX2"] = "0" });
        const string At128 = "[StaticNet.Generated.Simd128,System.Runtime.Intrinsics.Vector128`1[float]](";
        foreach (string method in new[] { "Dense1ForwardBatch" + At128, "Dense2ForwardBatch" + At128, "Dense3ForwardBatch" + At128, "Dense1BackwardBatch128(", "Dense2BackwardBatch128(", "Dense3BackwardBatch" + At128 })
        {
            Assert.Contains(lines, l => l.Contains("StaticNet.Tests.Networks.IrisNet:" + method, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(lines, l => l.Contains("DenseReference:Backward(", StringComparison.Ordinal));
    }

    /// <summary>
    /// Runs the tests matching <paramref name="filter"/> in a child process, which must pass, and returns the JIT's summary
    /// of what the test host compiled: one line per compilation, e.g. "JIT compiled
    /// StaticNet.Tests.Networks.IrisNet:Dense1ForwardBatch(...) [FullOpts, IL size=…]".
    /// </summary>
    private static string[] RunWithJitSummary(string filter, Dictionary<string, string> environment)
    {
        string summary = Path.Combine(Path.GetTempPath(), $"staticnet-jit-{Guid.NewGuid():N}.txt");
        try
        {
            // Only the test host writes the summary: given to `dotnet test` itself, the variables would reach its own
            // process too, and two processes writing one file overwrite each other's lines (CI once lost a method).
            var (exitCode, output) = RunTests(filter, environment, testHostEnvironment: new() { ["DOTNET_JitStdOutFile"] = summary, ["DOTNET_JitDisasmSummary"] = "1" });
            Assert.True(exitCode == 0, output);
            return File.ReadAllLines(summary);
        }
        finally
        {
            File.Delete(summary);
        }
    }

    /// <summary>
    /// Runs this test assembly's tests matching <paramref name="filter"/> in a child <c>dotnet test</c> with extra
    /// environment variables: <paramref name="environment"/> for every process it starts, <paramref name="testHostEnvironment"/>
    /// (through a run-settings file) for the test host alone.
    /// </summary>
    private static (int ExitCode, string Output) RunTests(
        string filter, Dictionary<string, string> environment, Dictionary<string, string>? testHostEnvironment = null)
    {
        string assembly = typeof(ChildProcessTests).Assembly.Location;
        string? settings = null;
        if (testHostEnvironment is { Count: > 0 })
        {
            settings = Path.Combine(Path.GetTempPath(), $"staticnet-{Guid.NewGuid():N}.runsettings");
            var variables = new System.Xml.Linq.XElement("EnvironmentVariables",
                testHostEnvironment.Select(kv => new System.Xml.Linq.XElement(kv.Key, kv.Value)));
            new System.Xml.Linq.XElement("RunSettings", new System.Xml.Linq.XElement("RunConfiguration", variables)).Save(settings);
        }

        try
        {
            return RunTests(assembly, filter, environment, settings);
        }
        finally
        {
            if (settings is not null)
            {
                File.Delete(settings);
            }
        }
    }

    private static (int ExitCode, string Output) RunTests(string assembly, string filter, Dictionary<string, string> environment, string? settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "test", assembly, "--filter", filter, "--nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        if (settings is not null)
        {
            start.ArgumentList.Add("--settings");
            start.ArgumentList.Add(settings);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out\n" + output);
        }

        return (process.ExitCode, output + error.Result);
    }
}
