using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace StaticNet.Generator.Tests.Infrastructure;

/// <summary>
/// Golden-file snapshots without Verify: each expected file lives in <c>Baselines/</c> next to the tests and is the
/// documentation of what users get. On a mismatch the actual text is written beside it as <c>*.received.txt</c> and the
/// test fails with the differing lines. Set <c>STATICNET_UPDATE_SNAPSHOTS=1</c> to rewrite the baselines instead.
/// </summary>
internal static partial class Snapshot
{
    public const string UpdateVariable = "STATICNET_UPDATE_SNAPSHOTS";

    /// <summary>
    /// The test project's folder, recorded by the build. Not <c>[CallerFilePath]</c>: a CI build maps source paths to
    /// <c>/_/</c> for reproducible PDBs, and the baselines would not be found.
    /// </summary>
    private static readonly string ProjectDirectory = typeof(Snapshot).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ProjectDirectory").Value!;

    public static void Match(string name, string actual)
    {
        string directory = Path.Combine(ProjectDirectory, "Baselines");
        string expectedPath = Path.Combine(directory, name + ".txt");
        string receivedPath = Path.Combine(directory, name + ".received.txt");
        string normalized = Normalize(actual);

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(directory);
            WriteAtomically(expectedPath, normalized);
            File.Delete(receivedPath);
            return;
        }

        if (!File.Exists(expectedPath))
        {
            WriteAtomically(receivedPath, normalized);
            Assert.Fail($"No baseline {expectedPath}. The output was written to {receivedPath}; run with {UpdateVariable}=1 to accept it.");
        }

        string expected = Normalize(File.ReadAllText(expectedPath));
        if (expected == normalized)
        {
            File.Delete(receivedPath);
            return;
        }

        WriteAtomically(receivedPath, normalized);
        Assert.Fail($"Generated code differs from {expectedPath} (actual written to {receivedPath}; run with {UpdateVariable}=1 to accept):\n{Diff(expected, normalized)}");
    }

    /// <summary>Writes a temporary file and renames it over the target, so an interrupted run never leaves half a baseline.</summary>
    private static void WriteAtomically(string path, string text)
    {
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Line endings to \n, no byte-order mark, and the generator's version scrubbed so a release does not churn every baseline.</summary>
    private static string Normalize(string text) =>
        VersionPattern().Replace(text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF'), "StaticNet.Generator$1{version}");

    private static string Diff(string expected, string actual)
    {
        DiffPaneModel diff = InlineDiffBuilder.Diff(expected, actual);
        var text = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < diff.Lines.Count && shown < 40; i++)
        {
            DiffPiece line = diff.Lines[i];
            if (line.Type == ChangeType.Unchanged)
            {
                continue;
            }

            string mark = line.Type == ChangeType.Inserted ? "+" : line.Type == ChangeType.Deleted ? "-" : "~";
            text.Append(mark).Append(' ').Append(line.Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?").Append(": ").AppendLine(line.Text);
            shown++;
        }

        return text.ToString();
    }

    [GeneratedRegex(@"StaticNet\.Generator(\s|"", "")\d+\.\d+\.\d+")]
    private static partial Regex VersionPattern();
}
