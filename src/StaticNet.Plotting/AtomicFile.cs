namespace StaticNet.Plotting;

/// <summary>Writes a file through a temporary neighbour and a rename, so a reader never sees half a picture.</summary>
internal static class AtomicFile
{
    public static void Write(string path, byte[] content)
    {
        string full = Path.GetFullPath(path);
        string temporary = full + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            File.WriteAllBytes(temporary, content);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
