namespace StaticNet;

/// <summary>
/// Writes a file through a temporary neighbour, flushed to disk, and a rename: a crash or a full disk mid-write leaves the
/// previous file whole, and a reader never sees half a file.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        string fullPath = Path.GetFullPath(path);
        // A short name beside the file, so that a file name at the file system's length limit still has a temporary one.
        string temporary = Temporary(Path.GetDirectoryName(fullPath)!);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
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
    /// Creates <paramref name="folder"/> if it is missing and proves it can be written (a file created and deleted), so that a
    /// run fails before its work rather than at its first save.
    /// </summary>
    /// <exception cref="InvalidOperationException">The folder cannot be created or written; the message names it and why.</exception>
    public static void RequireWritableFolder(string folder, string what)
    {
        try
        {
            Directory.CreateDirectory(folder);
            using (new FileStream(Temporary(folder), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{what} {folder} cannot be written: {e.Message}", e);
        }
    }

    /// <summary>A new hidden file name in <paramref name="folder"/>, short whatever the name it stands in for.</summary>
    private static string Temporary(string folder) => Path.Combine(folder, "." + Guid.NewGuid().ToString("N")[..16] + ".tmp");
}
