using System.Linq;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers.Conv2D;

/// <summary>
/// Whether a convolution is computed straight from its image, and how at each width: how many output rows and vectors the
/// forward pass keeps in registers, how many taps the backward pass sums at once. Every decision of
/// <see cref="DirectConvolutionCode"/> is made here.
/// </summary>
internal static class DirectConvolutionPlanner
{
    /// <summary>
    /// Most weight vectors a tap may need (lcm(lanes, filters) / lanes). Filters 9, 11, 13 and 15 need 9 to 15 at some
    /// width, more than 16 registers hold beside their outputs; those layers take the matrix product.
    /// </summary>
    private const int MaxPhases = 7;

    /// <summary>Largest weight table and partial sums on the stack: (taps + 1) × lcm(lanes, filters) floats (taps rounded up to whole groups of kernel rows).</summary>
    private const int MaxStackFloats = 8192;

    /// <summary>
    /// The plan, or null where the layer takes the matrix product: the direct form needs one input channel (a tap's
    /// values for adjacent pixels are then adjacent), stride 1 along the width, every window inside the image, an output
    /// row of at least a 512-bit vector of floats, and no input gradient (its backward pass makes none: a one-channel
    /// image is the network's input).
    /// </summary>
    public static DirectConvolutionPlan? Plan(Conv2DLayer conv, bool needsInputGradient)
    {
        Window2DGeometry g = conv.Window;
        if (g.Channels != 1 || g.StrideWidth != 1 || !PatchesCode.Applies(g) || needsInputGradient
            || (long)g.OutputWidth * conv.Filters < VectorWidth.V512.Lanes)
        {
            return null;
        }

        DirectWidthPlan? v512 = Width(conv, VectorWidth.V512), v256 = Width(conv, VectorWidth.V256), v128 = Width(conv, VectorWidth.V128);
        if (v512 is null || v256 is null || v128 is null)
        {
            return null;
        }

        var widths = new[] { v512, v256, v128 };
        if (widths.Max(d => ((long)d.GroupedKernelRows(g.WindowHeight) * g.WindowWidth + 1) * d.SpreadFloats) > MaxStackFloats)
        {
            return null;
        }

        int rowFloats = g.OutputWidth * conv.Filters;
        int pad = widths.Max(d => d.PaddedRow) - rowFloats;

        // By kernel column, the backward pass reads image rows past the last one a tap reads (zeros, spread as the image is)
        // for the output rows that round the last block up and the kernel rows that round the last group up.
        int imageRows = widths.Max(d => System.Math.Max(
            g.Height,
            (d.BlockedRows(g.OutputHeight) - 1) * g.StrideHeight + (d.GroupedKernelRows(g.WindowHeight) - 1) * g.Dilation + 1));
        // With pixels in lanes the backward pass's dL/dz planes take the spread image's place: a run of 8 pixels a vector.
        int planes = widths.Where(d => d.PixelSums).Select(d => conv.Filters * d.PlaneFloats(g.OutputHeight, g.OutputWidth)).DefaultIfEmpty(0).Max();
        return new DirectConvolutionPlan(
            v512,
            v256,
            v128,
            ExpandedSize: System.Math.Max(imageRows * g.Width * conv.Filters + pad, planes),
            GradientRowsSize: widths.Max(d => d.BlockedRows(g.OutputHeight) * d.PaddedRow));
    }

    private static DirectWidthPlan? Width(Conv2DLayer conv, VectorWidth v)
    {
        Window2DGeometry g = conv.Window;
        int lanes = v.Lanes, filters = conv.Filters;
        int spread = Lcm(lanes, filters), phases = spread / lanes;
        if (phases > MaxPhases)
        {
            return null;
        }

        int rowFloats = g.OutputWidth * filters;
        int rowVectors = (rowFloats + lanes - 1) / lanes;

        // Registers: the outputs in flight, the weights of each row's tap, the loaded image vector and one spare. Of the
        // choices that fit, the fewest loads per multiply-add (each tap loads the block's image vectors once and each
        // row's weights once); two rows share every image load.
        bool canPair = g.StrideHeight == g.Dilation && g.OutputHeight >= 2;
        int bestRows = 1, bestBlock = 0;
        double bestLoads = double.MaxValue;
        for (int rows = 1; rows <= (canPair ? 2 : 1); rows++)
        {
            int block = (v.Registers - 2 - rows * phases) / rows / phases * phases;
            block = System.Math.Min(block, RoundUp(rowVectors, phases));
            if (block < phases)
            {
                continue;
            }

            double loads = (double)(block + rows * phases) / (rows * block);
            if (loads < bestLoads - 1e-9)
            {
                (bestRows, bestBlock, bestLoads) = (rows, block, loads);
            }
        }

        // The backward pass: as many taps as fit (a vector per tap and phase, and dL/dz's and the image's vectors), spread
        // evenly, so that the last group is not left with a tap or two whose loads would outnumber its multiply-adds.
        int taps = g.WindowHeight * g.WindowWidth;
        int fit = System.Math.Max(1, (v.Registers - 2) / phases);
        int groups = (taps + fit - 1) / fit;
        int tapGroup = (taps + groups - 1) / groups;

        // Or a kernel column at a time over blocks of output rows, where that issues fewer loads and multiply-adds in all
        // (counting the zero rows and dropped taps that round the blocks up) by a tenth or more.
        var (rowBlock, tapRows) = ColumnBlocks(g, v, phases, (long)g.OutputHeight * (2L * taps + groups));
        int forwardRows = ForwardColumnRows(g, v, phases, rowFloats % spread == 0, bestLoads);
        int pixelUnits = forwardRows > 0 ? 0 : PixelUnits(g, v, filters, bestLoads);
        var (pixelTaps, pixelFilters) = rowBlock > 1 ? (0, 0) : PixelTile(g, v, filters, taps, 1.0 + 1.0 / tapGroup);
        return new DirectWidthPlan(v.Bits, phases, rowFloats, PairsRows: bestRows == 2, bestBlock, tapGroup, PaddedRow: RoundUp(rowFloats, spread), rowBlock, tapRows, forwardRows, pixelUnits, pixelTaps, pixelFilters);
    }

    /// <summary>
    /// The backward pass's register tile with pixels in lanes (taps × filters), or (0, 0) where it does not load a tenth
    /// less per multiply-add than <paramref name="groupLoads"/> (the tap groups': an image vector a multiply-add and a
    /// dL/dz vector a group). 256 bits only, at most 8 filters, rows of at least 8 pixels. Registers hold the tile's sums,
    /// a dL/dz vector per filter and the image vector being used, with one spare; of the tiles that fit, the fewest
    /// loads over all taps and filters (each tile loads its taps' and its filters' vectors once a run).
    /// </summary>
    private static (int Taps, int Filters) PixelTile(Window2DGeometry g, VectorWidth v, int filters, int taps, double groupLoads)
    {
        if (!PixelsApply(g, v, filters) || (long)taps * filters * v.Lanes > MaxStackFloats / 2)
        {
            return (0, 0);
        }

        (int, int) best = (0, 0);
        long bestLoads = long.MaxValue;
        for (int f = 1; f <= filters; f++)
        {
            for (int t = 1; t <= taps && t * f + f + 1 <= v.Registers - 1; t++)
            {
                long tapTiles = (taps + t - 1) / t, filterTiles = (filters + f - 1) / f;
                long loads = (taps * filterTiles) + (filters * tapTiles);
                if (loads < bestLoads)
                {
                    (best, bestLoads) = ((t, f), loads);
                }
            }
        }

        return (double)bestLoads / ((long)taps * filters) < 0.9 * groupLoads ? best : (0, 0);
    }

    /// <summary>
    /// Units of 8 pixels for the forward pass with pixels in lanes, or 0 where it does not load a tenth less per
    /// multiply-add than <paramref name="blockLoads"/>. 256 bits only (its transposition is AVX's 8 × 8), at most 8
    /// filters, an output row of at least 8 pixels. Registers hold each unit's sums (a vector per filter), each unit's
    /// image vector and the broadcast weight, with one spare; per tap that is units + filters loads for units × filters
    /// multiply-adds.
    /// </summary>
    private static int PixelUnits(Window2DGeometry g, VectorWidth v, int filters, double blockLoads)
    {
        if (!PixelsApply(g, v, filters))
        {
            return 0;
        }

        int runs = g.OutputHeight * ((g.OutputWidth + v.Lanes - 1) / v.Lanes);
        int units = System.Math.Min(System.Math.Min(MaxPixelUnits, runs), (v.Registers - 2) / (filters + 1));
        if (units == 0)
        {
            return 0;
        }

        double loads = (double)(units + filters) / (units * filters);
        return loads < 0.9 * blockLoads ? units : 0;
    }

    /// <summary>
    /// Where pixels can go in lanes: 256 bits (the runs are turned channels last and back by AVX's 8 × 8 transposition),
    /// at most 8 filters (a vector each in it), and output rows of at least a run.
    /// </summary>
    private static bool PixelsApply(Window2DGeometry g, VectorWidth v, int filters) =>
        v == VectorWidth.V256 && filters <= 8 && g.OutputWidth >= v.Lanes;

    /// <summary>Most units of pixels the forward pass computes at once: beyond 4 the image vectors outnumber the filters' broadcasts.</summary>
    private const int MaxPixelUnits = 4;

    /// <summary>
    /// Output rows for the forward pass by kernel column, or 0 where it does not load a tenth less per multiply-add than
    /// <paramref name="blockLoads"/> (the row blocks' form). It needs rows that share image rows (stride and dilation down
    /// the image equal), rows of whole spreads, and registers for the column's weights (kernel rows × phases), the rows'
    /// sums (rows × phases), an image vector and two spare. Per kernel column it loads the weights once and (rows +
    /// kernel rows − 1) image rows of a spread each, for rows × kernel rows multiply-adds a phase.
    /// </summary>
    private static int ForwardColumnRows(Window2DGeometry g, VectorWidth v, int phases, bool wholeSpreads, double blockLoads)
    {
        if (g.StrideHeight != g.Dilation || !wholeSpreads)
        {
            return 0;
        }

        int rows = System.Math.Min(System.Math.Min((v.Registers - 3 - g.WindowHeight * phases) / phases, g.OutputHeight), MaxRowBlock);
        if (rows < 2)
        {
            return 0;
        }

        double loads = (2.0 * g.WindowHeight + rows - 1) / ((double)rows * g.WindowHeight);
        return loads < 0.9 * blockLoads ? rows : 0;
    }

    /// <summary>Most output rows a block holds (either pass): the method's body is a block's multiply-adds written out for each phase.</summary>
    private const int MaxRowBlock = 8;

    /// <summary>
    /// The cheapest block of output rows and kernel rows for the backward pass by kernel column, or (1, 0) where it does
    /// not beat <paramref name="tapGroupCost"/> (loads and multiply-adds per phase of the tap groups' form) by a tenth.
    /// Registers hold the block's sums (a vector per kernel row and phase), its dL/dz vectors, an image vector and a spare.
    /// </summary>
    private static (int RowBlock, int TapRows) ColumnBlocks(Window2DGeometry g, VectorWidth v, int phases, long tapGroupCost)
    {
        (int, int) best = (1, 0);
        double bestCost = 0.9 * tapGroupCost;
        for (int tapRows = 1; tapRows <= g.WindowHeight; tapRows++)
        {
            for (int rows = 2; rows <= MaxRowBlock && tapRows * phases + rows + 2 <= v.Registers; rows++)
            {
                // The image rows a block reads: output row r's kernel row h reads r × stride + h × dilation.
                var distinct = new System.Collections.Generic.HashSet<int>();
                for (int r = 0; r < rows; r++)
                {
                    for (int h = 0; h < tapRows; h++)
                    {
                        distinct.Add(r * g.StrideHeight + h * g.Dilation);
                    }
                }

                long passes = (long)((g.WindowHeight + tapRows - 1) / tapRows) * g.WindowWidth * ((g.OutputHeight + rows - 1) / rows);
                double cost = passes * (rows + distinct.Count + rows * tapRows);
                if (cost < bestCost)
                {
                    (best, bestCost) = ((rows, tapRows), cost);
                }
            }
        }

        return best;
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    private static int Lcm(int a, int b)
    {
        int x = a, y = b;
        while (y != 0)
        {
            (x, y) = (y, x % y);
        }

        return a / x * b;
    }
}
