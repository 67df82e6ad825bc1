using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers.Conv2D;

/// <summary>
/// How a one-channel convolution is computed straight from its image (<see cref="DirectConvolutionCode"/>), decided by
/// <see cref="DirectConvolutionPlanner"/> for each vector width the code is written at.
/// </summary>
/// <param name="V512">The 512-bit methods' decisions (AVX-512).</param>
/// <param name="V256">The 256-bit methods' (AVX2).</param>
/// <param name="V128">The 128-bit twins' (SSE, Arm64 NEON; a default Native AOT build).</param>
/// <param name="ExpandedSize">
/// Floats of the image spread over the filters' lanes (height × width × filters), and after them the zeros the backward
/// pass's padded rows read past the last row.
/// </param>
/// <param name="GradientRowsSize">Floats of one image's dL/dz, rows padded to whole groups of phases (the widest width's).</param>
internal sealed record DirectConvolutionPlan(DirectWidthPlan V512, DirectWidthPlan V256, DirectWidthPlan V128, int ExpandedSize, int GradientRowsSize)
{
    /// <summary>The decisions at <paramref name="v"/>.</summary>
    public DirectWidthPlan At(VectorWidth v) => v.Bits switch
    {
        512 => V512,
        256 => V256,
        _ => V128,
    };
}

/// <summary>
/// The direct convolution's decisions at one width. Lane <c>l</c> of a vector that starts <c>o</c> floats into an output
/// row (channels last) is filter <c>(o + l) mod F</c>; vectors whose starts differ by a multiple of lcm(lanes, F) see the
/// filters in the same order, so a tap's weights are <see cref="Phases"/> vectors, one per order.
/// </summary>
/// <param name="Bits">The width.</param>
/// <param name="Phases">lcm(lanes, filters) / lanes: the weight vectors per tap.</param>
/// <param name="RowFloats">Output width × filters: one output row, channels last.</param>
/// <param name="PairsRows">
/// The forward pass computes two output rows at once, so that each value it loads from the image feeds both (stride and
/// dilation along the height are equal, so row <c>oh + 1</c>'s tap <c>kh</c> reads row <c>oh</c>'s tap <c>kh + 1</c>).
/// </param>
/// <param name="Block">Vectors of an output row the forward pass keeps in registers at once, a multiple of <see cref="Phases"/>.</param>
/// <param name="TapGroup">
/// Where <see cref="RowBlock"/> is 1: taps whose kernel gradients the backward pass sums at once, output row by output
/// row (the last group may be smaller).
/// </param>
/// <param name="PaddedRow">The backward pass's dL/dz row: <see cref="RowFloats"/> rounded up to whole groups of phases, zeros after.</param>
/// <param name="RowBlock">
/// Output rows whose dL/dz the backward pass holds in registers at once, or 1. Above 1 it sums the kernel gradient a
/// kernel column at a time, <see cref="TapRows"/> of the column's taps over <see cref="RowBlock"/> output rows: output
/// row <c>oh + r</c>'s tap in kernel row <c>kh</c> reads the image row that row <c>oh</c>'s tap in kernel row
/// <c>kh + r</c> reads (where the stride and dilation down the image are equal), so each image vector loaded feeds every
/// pair that reads it: for LeNet-5's first layer at 512 bits, 20 loads to 40 multiply-adds rather than 10 to 9.
/// </param>
/// <param name="TapRows">The kernel rows of a column summed at once where <see cref="RowBlock"/> is above 1.</param>
/// <param name="ForwardRows">
/// Output rows the forward pass computes at once a kernel column at a time, or 0 for <see cref="PairsRows"/> and
/// <see cref="Block"/>'s form. A column's weights (a vector per kernel row and phase) stay in registers while the image
/// rows the block of output rows reads stream past, a spread of the filters (<see cref="Phases"/> vectors) of each
/// output row at a time, each image vector loaded once for every (output row, kernel row) pair that reads it: for
/// LeNet-5's first layer at 512 bits 4 rows, 39 loads to 60 multiply-adds where two rows of 9 vectors take 15 to 18.
/// </param>
/// <param name="PixelUnits">
/// Where above 0, the forward pass puts pixels in lanes instead (256 bits only): a unit is a run of 8 output pixels of
/// a row, each filter's sums one vector, and <see cref="PixelUnits"/> units go at once, so each image vector loaded
/// feeds every filter and each weight, broadcast, every unit; the units are then turned channels last as they are
/// stored (<c>ChannelsLast.StorePixels</c>). For LeNet-5's first layer 2 units, 8 loads to 12 multiply-adds where the
/// spread form takes 12 to 9 (AVX2 has 16 registers: too few for a kernel column's weights). Each output is the same
/// chain of multiply-adds from the bias in tap order as in the other forms.
/// </param>
/// <param name="PixelTaps">
/// Where above 0, the backward pass puts pixels in lanes too (256 bits only): dL/dz turned into a plane per filter of
/// runs of 8 pixels (<c>ChannelsLast.ToPlanes</c>), and the kernel gradient summed in register tiles of
/// <see cref="PixelTaps"/> taps × <see cref="PixelFilters"/> filters, a vector of 8 pixels' products each, over every
/// run: per run a dL/dz vector per filter and an image vector per tap, (taps + filters) loads to taps × filters
/// multiply-adds (LeNet-5's first layer: 3 × 3, 6 to 9, where the tap groups take 5 to 4). The lanes are added up once,
/// after the last image.
/// </param>
/// <param name="PixelFilters">Filters of a register tile where <see cref="PixelTaps"/> is above 0.</param>
internal sealed record DirectWidthPlan(int Bits, int Phases, int RowFloats, bool PairsRows, int Block, int TapGroup, int PaddedRow, int RowBlock, int TapRows, int ForwardRows, int PixelUnits, int PixelTaps, int PixelFilters)
{
    /// <summary>Whether the kernel gradient is summed a kernel column at a time over blocks of output rows.</summary>
    public bool ByColumn => RowBlock > 1;

    /// <summary>Output rows the backward pass runs over: whole blocks, the rows past the last zeros.</summary>
    public int BlockedRows(int outputHeight) => (outputHeight + RowBlock - 1) / RowBlock * RowBlock;

    /// <summary>Kernel rows the backward pass sums: whole groups of <see cref="TapRows"/>; the taps past the last are summed and dropped.</summary>
    public int GroupedKernelRows(int kernelHeight) => ByColumn ? (kernelHeight + TapRows - 1) / TapRows * TapRows : kernelHeight;

    public VectorWidth Width => VectorWidth.Of(Bits);

    /// <summary>Floats of a tap's weights (or the bias) spread over every phase.</summary>
    public int SpreadFloats => Phases * Width.Lanes;

    /// <summary>Whether the backward pass sums the kernel gradient with pixels in lanes (<see cref="PixelTaps"/>).</summary>
    public bool PixelSums => PixelTaps > 0;

    /// <summary>Whether the forward pass puts pixels in lanes (<see cref="PixelUnits"/>).</summary>
    public bool PixelsInLanes => PixelUnits > 0;

    /// <summary>Runs of a vector of pixels an output row takes with pixels in lanes, the last ending at the row's end.</summary>
    public int Runs(int outputWidth) => (outputWidth + Width.Lanes - 1) / Width.Lanes;

    /// <summary>The first pixel of run <paramref name="run"/>: a vector after the one before, the last run overlapping it to end at the row's end.</summary>
    public int RunStart(int run, int outputWidth) => System.Math.Min(run * Width.Lanes, outputWidth - Width.Lanes);

    /// <summary>Floats of one filter's plane of dL/dz in runs (<see cref="PixelTaps"/>).</summary>
    public int PlaneFloats(int outputHeight, int outputWidth) => outputHeight * Runs(outputWidth) * Width.Lanes;

    /// <summary>Output-row vectors that fit whole (the row may end with a part of one).</summary>
    public int WholeVectors => RowFloats / Width.Lanes;
}
