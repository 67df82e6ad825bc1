namespace StaticNet.Generator.Planning;

/// <summary>
/// One matrix product over rows, <c>y = f(x·W + b)</c> with W stored inputs × units row-major, and its backward pass: what
/// a Dense layer computes over a tile of samples and a convolution over the patches of an image's output pixels (each
/// row the window's taps, channels last). <see cref="Emit.MatrixProducts.MatrixProductForwardCode"/> and
/// <see cref="Emit.MatrixProducts.MatrixProductBackwardCode"/> write its methods from these decisions alone: they never
/// see the layer that asked for them.
/// </summary>
/// <param name="Name">The layer's Keras name, for comments and shape errors.</param>
/// <param name="Prefix">The methods' prefix: <c>{Prefix}ForwardBatch</c>, <c>{Prefix}BackwardBatch</c>.</param>
/// <param name="Inputs">Values per row of x: a Dense layer's inputs, a convolution's kernel height × width × channels.</param>
/// <param name="Units">Values per row of y: units, or filters.</param>
/// <param name="Activation">The activation it applies (unless it defers it).</param>
/// <param name="NegativeSlope">LeakyReLU's slope below zero.</param>
/// <param name="DefersActivation">The network's last layer: it writes x·W + b and leaves its activation to the loss.</param>
/// <param name="NeedsInputGradient">The backward pass writes dL/dx.</param>
/// <param name="Batch512">The passes get a 512-bit twin, taken where AVX-512 is accelerated.</param>
/// <param name="Batch128">The passes get a 128-bit twin, taken where 256-bit vectors are not accelerated but 128-bit ones are (a default Native AOT build).</param>
/// <param name="TransposedKernel">The backward pass reads the kernel transposed, made once per call in the workspace.</param>
/// <param name="KernelGradientRows256">Kernel-gradient rows per pass in the 256-bit backward pass.</param>
/// <param name="KernelGradientRows512">The same in the 512-bit one.</param>
/// <param name="KernelGradientRows128">The same in the 128-bit one.</param>
/// <param name="MaxRows">
/// The most rows one call computes: a convolution's output pixels of an image, a Dense layer's samples in a step's tile
/// (<see cref="ForRows"/>); unbounded where the whole batch is one tile.
/// </param>
internal sealed record MatrixProduct(
    string Name,
    string Prefix,
    int Inputs,
    int Units,
    Activation Activation,
    float NegativeSlope,
    bool DefersActivation,
    bool NeedsInputGradient,
    bool Batch512,
    bool Batch128,
    bool TransposedKernel,
    int KernelGradientRows256,
    int KernelGradientRows512,
    int KernelGradientRows128,
    int MaxRows)
{
    /// <summary>
    /// The most inputs for which a product of few units sums its kernel gradient transposed: its passes are written out,
    /// one per few blocks of inputs, so the method grows with the inputs.
    /// </summary>
    public const int NarrowKernelGradientInputs = 128;

    /// <summary>Kernel-gradient blocks whose accumulators a backward pass keeps in registers at once.</summary>
    public const int BlocksPerTile = 8;

    /// <summary>
    /// The runtime's loop-based matrix product over rows (<c>DenseReference</c>): the portable path of every SIMD method,
    /// and the compact form of a layer whose specialised code would pass the source budget.
    /// </summary>
    public const string RowReference = "global::StaticNet.Generated.DenseReference";

    /// <summary>
    /// The most units a product may have for its inference pass to run with samples in lanes
    /// (<see cref="Emit.MatrixProducts.MatrixProductLanesCode"/>): a layer this narrow leaves most of a row's vector idle;
    /// from 16 units up, rows fill whole vectors.
    /// </summary>
    public const int MaxLanesUnits = 16;

    /// <summary>
    /// Units whose sums the lanes pass (<see cref="InLanes"/>) keeps in registers at once, for two vectors of samples each:
    /// at most 6, so that their 12 accumulators, the two input vectors and a broadcast weight fit AVX2's 16 registers (the
    /// pass is one generic method for every width, so the narrowest register file decides). Each weight broadcast then
    /// feeds two multiply-adds instead of one: a broadcast per multiply-add kept Iris's 10 × 10 pass at 2.85 ns a sample
    /// on Zen 3, and two vectors of samples took it to 2.35 (its multiply-adds alone are 2.1 at this core's peak). Units
    /// beyond a group go in further groups of the same size, the last one ending at the last unit.
    /// </summary>
    public int LanesUnitGroup
    {
        get
        {
            int groups = (Units + MaxLanesUnitGroup - 1) / MaxLanesUnitGroup;
            return (Units + groups - 1) / groups;
        }
    }

    /// <summary>The most units per group of the lanes pass (<see cref="LanesUnitGroup"/>).</summary>
    private const int MaxLanesUnitGroup = 6;

    /// <summary>
    /// Whether the forward pass is one generic method for 256 and 128 bits (<see cref="VectorWidth.Generic"/>) instead of
    /// a method per width: where both widths take the same register tile (4 samples × 2 blocks of units) and 256 bits'
    /// blocks are the first tile of 128 bits' blocks, so the one body needs nothing more than its block starts in
    /// <c>TSimd.Lanes</c> and its second tile skipped at 256 bits, which the JIT decides per width. That is a layer of 9
    /// to 16 units (Iris's hidden layers: blocks 0 and 2 at 256 bits; 0, 4 and 6 at 128) with a kernel the L1 cache holds;
    /// narrower layers take another pass, and wider ones, or kernels that stream, tile each width their own way. Tanh is
    /// applied after the pass by a different function at 128 bits (<see cref="Emit.ActivationCode.InPlace"/>), so it keeps
    /// a method per width.
    /// </summary>
    public bool SharedForwardTile =>
        Units > VectorWidth.V256.Lanes && Units <= 2 * VectorWidth.V256.Lanes
        && SampleTile(VectorWidth.V256) == SampleTile(VectorWidth.V128)
        && (DefersActivation || Activation != Activation.Tanh);

    /// <summary>
    /// Whether the forward pass of a layer narrower than a 128-bit vector (a classifier's output layer: Iris's 3 units) is
    /// one generic method for 256 and 128 bits: both widths take as many samples as a vector has lanes, gather each input's
    /// column of them and store each unit's lanes to their rows (<c>ISimdWidth.LoadColumn</c> and <c>StoreColumn</c>),
    /// the narrow pass the fixed widths write with their own lane counts. Its activation is applied to the vector, which
    /// gives the scalar's bits for ReLU and LeakyReLU (a max lane by lane), so only those, none, or a deferred one.
    /// </summary>
    public bool SharedNarrowForward =>
        Units < VectorWidth.V128.Lanes && (DefersActivation || Activation is Activation.Linear or Activation.ReLU or Activation.LeakyReLU);

    /// <summary>Whether the forward pass is one generic method for 256 and 128 bits: <see cref="SharedForwardTile"/> or <see cref="SharedNarrowForward"/>.</summary>
    public bool SharedForward => SharedForwardTile || SharedNarrowForward;

    /// <summary>
    /// Whether the backward pass of a layer narrower than a 128-bit vector is one generic method for 256 and 128 bits: where
    /// both widths sum its kernel gradient transposed in one pass over all the blocks of inputs
    /// (<see cref="NarrowKernelGradientBlocks"/>) and, if it writes one, its input gradient in one tile of them (at most
    /// 16 inputs: Iris's output layer, 10 inputs in blocks 0 and 2 at 256 bits, 0, 4 and 6 at 128). The body takes 128
    /// bits' blocks, each starting at a constant of <c>TSimd.Lanes</c>, and skips at 256 bits those past the inputs. Its
    /// input gradient takes one sample a pass at both widths: its loop over the few units is then small enough for the JIT
    /// to write out (two samples a pass, 256 bits' own choice, kept the loop and cost the Iris recipe 1.5–2 % at 128 bits;
    /// at 256 bits one sample was as fast), with each sample's sums unchanged.
    /// </summary>
    public bool SharedNarrowBackward
    {
        get
        {
            int blocks256 = VectorWidth.V256.Lanes <= Inputs ? VectorWidth.V256.Blocks(Inputs).Count : 0;
            int blocks128 = VectorWidth.V128.Lanes <= Inputs ? VectorWidth.V128.Blocks(Inputs).Count : 0;
            return Units < VectorWidth.V128.Lanes
                && NarrowKernelGradientBlocks(VectorWidth.V256) >= blocks256 && blocks256 > 0
                && NarrowKernelGradientBlocks(VectorWidth.V128) >= blocks128
                && (!NeedsInputGradient || (TransposedKernel && blocks128 <= MaxSharedInputBlocks));
        }
    }

    /// <summary>Blocks of inputs the shared backward pass's input gradient holds in one tile (<see cref="SharedNarrowBackward"/>).</summary>
    public const int MaxSharedInputBlocks = 4;

    /// <summary>Weights: inputs × units.</summary>
    public int KernelSize => Inputs * Units;

    /// <summary>
    /// Whether its inference pass can run with samples in lanes: at most <see cref="MaxLanesUnits"/> units, and an
    /// activation applied in registers with the row pass's bits (none, ReLU, LeakyReLU), or deferred to the network.
    /// </summary>
    public bool InLanes => Units <= MaxLanesUnits && (DefersActivation || Activation is Activation.Linear or Activation.ReLU or Activation.LeakyReLU);

    /// <summary>Whether the backward pass starts by carrying dL/dy through the activation (a hidden layer with one); the last layer's loss did that already.</summary>
    public bool ThroughActivation => !DefersActivation && Activation != Activation.Linear;

    /// <summary>
    /// The product's decisions. Every shape gets a 128-bit twin (without it a default Native AOT build trains through the
    /// runtime's row loops); a 512-bit twin needs at least one whole 512-bit block of units.
    /// </summary>
    public static MatrixProduct Plan(string name, string prefix, int inputs, int units, Activation activation, float negativeSlope, bool defersActivation, bool needsInputGradient, bool transposedKernel, int maxRows = int.MaxValue) =>
        new(
            name,
            prefix,
            inputs,
            units,
            activation,
            negativeSlope,
            defersActivation,
            needsInputGradient,
            Batch512: units >= VectorWidth.V512.Lanes,
            Batch128: true,
            transposedKernel,
            KernelGradientRowsFor(inputs, units, VectorWidth.V256),
            KernelGradientRowsFor(inputs, units, VectorWidth.V512),
            KernelGradientRowsFor(inputs, units, VectorWidth.V128),
            maxRows);

    /// <summary>The product as a step whose tiles hold at most <paramref name="rows"/> samples calls it.</summary>
    public MatrixProduct ForRows(int rows) => this with { MaxRows = System.Math.Min(MaxRows, rows) };

    /// <summary>
    /// Samples a forward register tile holds: 4, and at 512 bits 8 (AVX-512's 32 registers hold 8 × 3 accumulators), since
    /// each tile streams the whole kernel from the cache and twice the samples halve that traffic (a 784 × 128 kernel is
    /// 401 KB, read from L2 once per tile). Where a call never sees more than 4 rows (LeNet-5's Dense layers run in tiles
    /// of 4 samples), 8 would compute every sample twice: 4 samples × 6 blocks fill the registers instead (its first
    /// Dense layer's forward pass 1,125 → 576 ns a sample alone). At 256 bits 6 samples × 2 blocks for a kernel that
    /// outgrows the L1 cache (<see cref="StreamsKernel"/>): the same 12 accumulators, each weight block loaded for 6
    /// samples instead of 4. On Zen 3 (AVX2, 512 KB of L2, which a 401 KB kernel and the tile's inputs overflow) MNIST's
    /// batch <c>Forward</c> went from 64–68 to 76–84 GFLOP/s; smaller kernels keep 4 × 3, which a tile of 32 rows fills exactly.
    /// </summary>
    public int SampleTile(VectorWidth width) =>
        width == VectorWidth.V512 && MaxRows > 4 ? 8 : width == VectorWidth.V256 && MaxRows > 4 && StreamsKernel ? 6 : 4;

    /// <summary>
    /// Blocks of units a forward register tile holds: 4 samples × 3 blocks is 12 accumulators, which with the 3 loaded
    /// weight blocks and the broadcast sample fill AVX's 16 registers; at 512 bits 8 × 3, or 4 × 6; at 256 bits 6 × 2 for a
    /// large kernel (<see cref="SampleTile"/>). SSE has 16 too, but its two-operand multiply needs a copy of the sample for
    /// each product, and 3 blocks spilled an accumulator to the stack in the inner loop (a default Native AOT build,
    /// measured): 128-bit tiles take 2 blocks.
    /// </summary>
    public int BlockTile(VectorWidth width) =>
        width == VectorWidth.V128 ? 2 : width == VectorWidth.V512 && SampleTile(width) == 4 ? 6 : width == VectorWidth.V256 && SampleTile(width) == 6 ? 2 : 3;

    /// <summary>Whether the kernel is larger than a 32 KB L1 data cache, so that a forward tile streams it from further out.</summary>
    private bool StreamsKernel => (long)Inputs * Units > 32 * 1024 / sizeof(float);

    /// <summary>
    /// Samples whose input gradients a pass of the transposed kernel sums together. At 512 bits four where calls see
    /// four rows or more, else two: each row of Wᵀ loaded feeds every sample of the pass, and 4 blocks × 4 samples are
    /// 16 independent chains of multiply-adds (one sample's four ran at half the rate, waiting on their latency; two
    /// samples stream Wᵀ twice per tile of four). At 256 bits two (8 chains in 16 registers); the 128-bit twin keeps
    /// one sample, which keeps its code smaller.
    /// </summary>
    public int InputGradientSamples(VectorWidth width) =>
        width == VectorWidth.V512 ? (MaxRows >= 4 ? 4 : 2) : width == VectorWidth.V256 && MaxRows >= 2 ? 2 : 1;

    /// <summary>Kernel-gradient rows per pass at <paramref name="width"/>.</summary>
    public int KernelGradientRows(VectorWidth width) =>
        width == VectorWidth.V512 ? KernelGradientRows512 : width == VectorWidth.V128 ? KernelGradientRows128 : KernelGradientRows256;

    /// <summary>
    /// Units past the last whole vector that the kernel gradient at <paramref name="width"/> sums as one vector of half the
    /// width: 8 at 512 bits where at least 8 are left (120 units: 7 vectors and one of 256 bits), else 0. The rest are a
    /// scalar chain each, and a chain costs a multiply-add and a load per sample as a whole vector does.
    /// </summary>
    public int HalfVectorTail(VectorWidth width) => !OverlappingTail(width) && width == VectorWidth.V512 && Units % width.Lanes >= VectorWidth.V256.Lanes ? VectorWidth.V256.Lanes : 0;

    /// <summary>
    /// Whether the kernel gradient at <paramref name="width"/> sums the units past the last whole vector as one more whole
    /// vector, ending at the last unit and overlapping the vector before it, instead of a chain per unit: where that vector
    /// is summed in the same pass, so both sum the shared lanes from the same loaded values in the same order and store
    /// the same bits. A 10-unit layer at 256 bits had 2 scalar chains a row beside its vector, each a multiply-add of
    /// 4 cycles' latency per sample, and its passes waited on them.
    /// </summary>
    public bool OverlappingTail(VectorWidth width) => HasOverlappingTail(Units, width);

    private static bool HasOverlappingTail(int units, VectorWidth width) =>
        units > width.Lanes && units % width.Lanes != 0 && units / width.Lanes % BlocksPerTile != 0;

    /// <summary>
    /// Blocks of inputs per pass of the transposed kernel gradient that a product of fewer units than <paramref name="width"/>
    /// has lanes takes (SIMD across the inputs; needs at least a vector of inputs), or 0 where the gradient is summed row
    /// by row. A pass holds units × blocks accumulators, the blocks of inputs and one broadcast in the width's registers
    /// (16 for AVX and SSE, 32 for AVX-512).
    /// </summary>
    public int NarrowKernelGradientBlocks(VectorWidth width)
    {
        if (Units >= width.Lanes || Inputs < width.Lanes || Inputs > NarrowKernelGradientInputs)
        {
            return 0;
        }

        int registers = width == VectorWidth.V512 ? 32 : 16;
        return System.Math.Max(1, (registers - 2) / (Units + 1));
    }

    /// <summary>
    /// An upper estimate of the characters the transposed kernel gradient adds at the three widths: per block of inputs,
    /// about three lines per unit (its multiply-add and write-back) and three more of at most 120 characters (measured by a test).
    /// </summary>
    public static int NarrowKernelGradientChars(int inputs, int units)
    {
        int chars = 0;
        foreach (VectorWidth width in new[] { VectorWidth.V128, VectorWidth.V256, VectorWidth.V512 })
        {
            if (units < width.Lanes && inputs >= width.Lanes && inputs <= NarrowKernelGradientInputs)
            {
                chars += width.Blocks(inputs).Count * (3 * units + 3) * 120;
            }
        }

        return chars;
    }

    /// <summary>The runtime's forward pass for <paramref name="count"/> rows, as one statement.</summary>
    public string Reference(string kernel, string bias, string x, string y, string count) =>
        $"{RowReference}.Forward({kernel}, {bias}, {x}, {y}, {count}, {Inputs}, {Units}, {Emit.TypeNames.ActivationEnum}.{Activation}, {Emit.Literals.Float(NegativeSlope)}, activate: {(DefersActivation ? "false" : "true")});";

    /// <summary>
    /// Kernel-gradient rows per pass: each gradient element is a chain of multiply-adds over the rows, so a pass takes
    /// enough rows that several chains advance side by side: eight where the units fill whole blocks (a core keeps two
    /// multiply-adds of 4 cycles' latency in flight per cycle; with four, the kernel gradient of a convolution of 16
    /// filters, one block a row at 512 bits and two at 256, ran at half that rate). The 128-bit twin, and units that
    /// leave scalar columns (each row of a pass adds a line per column), keep four, which keeps their code smaller; units
    /// whose tail is one overlapping vector (<see cref="OverlappingTail"/>) have no scalar columns. Where those rows
    /// do not divide the inputs and the last pass would repeat its last row (units not in whole blocks; whole blocks
    /// get an exact pass of the rows left over), and one pass fewer of more rows still fits the registers (the chains,
    /// a loaded block of dL/dz per chain and the broadcast input), the passes take that many: Iris's 10 × 10 kernel
    /// gradient took 3 passes of 4 rows, the last computing row 9 three times, and takes 2 of 5. Each element's sum is
    /// the same either way.
    /// </summary>
    private static int KernelGradientRowsFor(int inputs, int units, VectorWidth width)
    {
        int fullBlocks = units / width.Lanes;
        int chains = System.Math.Max(1, System.Math.Min(fullBlocks, BlocksPerTile) + (units % width.Lanes != 0 ? 1 : 0));
        int wanted = width != VectorWidth.V128 && (units % width.Lanes == 0 || HasOverlappingTail(units, width)) ? 8 : 4;
        int rows = System.Math.Max(1, System.Math.Min(wanted / chains, inputs));
        int passes = (inputs + rows - 1) / rows;
        if (rows > 1 && inputs % rows != 0 && passes > 1 && units % width.Lanes != 0)
        {
            int fewer = (inputs + passes - 2) / (passes - 1);
            int registers = width == VectorWidth.V512 ? 32 : 16;
            if ((fewer * chains) + chains + 1 <= registers)
            {
                return fewer;
            }
        }

        return rows;
    }
}
