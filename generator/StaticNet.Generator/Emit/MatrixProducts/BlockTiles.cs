using System;
using System.Collections.Generic;
using System.Linq;

namespace StaticNet.Generator.Emit.MatrixProducts;

/// <summary>
/// Vector blocks cut into register tiles: when there are more than two tiles' worth, the leading tiles of whole blocks
/// (at multiples of the lanes, so never overlapping) become a loop over an offset, which keeps a method's size
/// independent of the layer's width; the rest are written out, each in its own scope unless one tile is all there is.
/// </summary>
internal static class BlockTiles
{
    /// <summary>Writes <paramref name="tile"/> for every tile of <paramref name="blocks"/>, given each tile's block starts (constants, or offsets from the loop variable <paramref name="offset"/>).</summary>
    public static void Write(SourceWriter w, IReadOnlyList<int> blocks, int lanes, int perTile, string offset, Action<string[]> tile)
    {
        int looped = blocks.Count > 2 * perTile ? (blocks.Count - 1) / perTile * perTile : 0;
        if (looped > 0)
        {
            using (w.Open($"for (nuint {offset} = 0; {offset} < {looped * lanes}; {offset} += {perTile * lanes})"))
            {
                tile(Enumerable.Range(0, perTile).Select(b => b == 0 ? offset : $"{offset} + {b * lanes}").ToArray());
            }
        }

        for (int t = looped; t < blocks.Count; t += perTile)
        {
            string[] starts = blocks.Skip(t).Take(perTile).Select(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            if (looped == 0 && blocks.Count <= perTile)
            {
                tile(starts);
                continue;
            }

            using (w.OpenScope())
            {
                tile(starts);
            }
        }
    }
}
