using System.Diagnostics;
using System.IO.Compression;

namespace StaticNet.Tests.Package;

/// <summary>
/// The package as a user gets it: <c>dotnet pack</c> into a temporary feed, a fresh console app outside the repository
/// that adds StaticNet from that feed (restored into its own package folder, so no cached copy stands in), declares a
/// network, builds with warnings as errors, runs and prints what it trained.
/// </summary>
[Collection("Builds")]
[Trait("Category", "Slow")] // packs the library and builds apps against it
public class PackageConsumerTests
{
    internal static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        string? folder = AppContext.BaseDirectory;
        while (folder is not null && !File.Exists(Path.Combine(folder, "StaticNet.sln")))
        {
            folder = Path.GetDirectoryName(folder);
        }

        return folder ?? throw new InvalidOperationException("The repository root (StaticNet.sln) is not above the test's folder.");
    }

    internal static (int ExitCode, string Output) Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment.Remove("MSBuildSDKsPath"); // the test host's MSBuild settings must not leak into the child
        start.Environment.Remove("MSBUILD_EXE_PATH");
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    [Fact]
    public void A_fresh_console_app_adds_the_package_from_a_feed_builds_warning_free_and_trains()
    {
        string work = Directory.CreateTempSubdirectory("snet-consumer").FullName;
        try
        {
            string feed = Path.Combine(work, "feed");
            var pack = Run(Root, "pack", Path.Combine(Root, "src", "StaticNet", "StaticNet.csproj"), "-c", "Release", "-o", feed);
            Assert.True(pack.ExitCode == 0, pack.Output);
            string package = Assert.Single(Directory.GetFiles(feed, "StaticNet.*.nupkg"), f => !f.EndsWith(".snupkg", StringComparison.Ordinal));
            using (ZipArchive zip = ZipFile.OpenRead(package))
            {
                string[] entries = zip.Entries.Select(e => e.FullName).ToArray();
                Assert.Contains("lib/net10.0/StaticNet.dll", entries);
                Assert.Contains("analyzers/dotnet/cs/StaticNet.Generator.dll", entries);
                Assert.Contains("analyzers/dotnet/cs/StaticNet.CodeFixes.dll", entries);
                Assert.Contains("README.md", entries);
                Assert.Contains("LICENSE", entries);
            }

            string version = Path.GetFileNameWithoutExtension(package)["StaticNet.".Length..];
            string app = Path.Combine(work, "app");
            Directory.CreateDirectory(app);
            File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="staticnet-local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                    <RestorePackagesPath>{Path.Combine(work, "packages")}</RestorePackagesPath>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="StaticNet" Version="{version}" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(app, "Program.cs"), """
                using StaticNet;

                // XOR: two inputs, two classes; a network that trains to 100 % shows the generated code runs.
                float[] x = [0, 0, 0, 1, 1, 0, 1, 1];
                float[] y = [0, 1, 1, 0];
                var data = new Dataset(x, y, featureCount: 2, classCount: 2);
                var model = new XorNet(seed: 3);
                History history = model.Fit(data, epochs: 500, batchSize: 4, optimizer: new Adam(0.05f), seed: 1, verbose: 0);
                Console.WriteLine($"consumer: {XorNet.ParameterCount} parameters, {history.Count} epochs, accuracy {model.Evaluate(data).Accuracy:F2}");

                [Network(Loss.SparseCategoricalCrossEntropy)]
                [Input(2)]
                [Dense(8, Activation.Tanh)]
                [Dense(2, Activation.Softmax)]
                public partial class XorNet;
                """);

            var build = Run(app, "build", "-c", "Release");
            Assert.True(build.ExitCode == 0, build.Output);
            Assert.Contains("0 Warning(s)", build.Output);
            var run = Run(app, "run", "-c", "Release", "--no-build");
            Assert.True(run.ExitCode == 0, run.Output);
            Assert.Contains("consumer: 42 parameters, 500 epochs, accuracy 1.00", run.Output);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void A_project_referencing_the_runtime_without_the_generator_is_told_so_and_how_to_fix_it()
    {
        string app = Directory.CreateTempSubdirectory("snet-no-generator").FullName;
        try
        {
            File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                  </PropertyGroup>
                  <ItemGroup>
                    <ProjectReference Include="{Path.Combine(Root, "src", "StaticNet", "StaticNet.csproj")}" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(app, "Program.cs"), """
                using StaticNet;

                var model = new WineNet(seed: 1);
                Console.WriteLine(WineNet.ParameterCount);

                [Network(Loss.SparseCategoricalCrossEntropy)]
                [Input(13)]
                [Dense(3, Activation.Softmax)]
                public partial class WineNet;
                """);
            var build = Run(app, "build");
            Assert.NotEqual(0, build.ExitCode); // the class really has no generated half
            string marker = Assert.Single(build.Output.Split('\n').Where(l => l.Contains("SNET0100", StringComparison.Ordinal)).Distinct());
            Assert.Contains("Program.cs(6,2)", marker);
            Assert.Contains("source generator is not part of this build", marker);
            Assert.Contains("OutputItemType=\"Analyzer\" ReferenceOutputAssembly=\"false\"", marker);
        }
        finally
        {
            Directory.Delete(app, recursive: true);
        }
    }
}
