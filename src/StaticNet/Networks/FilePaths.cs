namespace StaticNet;

/// <summary>A path about to be read, with a message of its own for each way it can fail to be a readable file.</summary>
internal static class FilePaths
{
    /// <summary>The full path of the file at <paramref name="path"/> (<paramref name="what"/> names the kind: "CSV file").</summary>
    /// <exception cref="IOException">The path is a directory.</exception>
    /// <exception cref="FileNotFoundException">Nothing is there.</exception>
    public static string RequireFile(string path, string what)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new IOException($"{full} is a directory, not a {what}.");
        }

        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"{char.ToUpperInvariant(what[0])}{what[1..]} not found: {full}", path);
        }

        return full;
    }
}
