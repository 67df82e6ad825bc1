using StaticNet;

// Networks with the image kinds (Conv2D, pooling, Flatten), each matching a case of tests/reference/conv_fixtures.py:
// valid and same padding, odd sizes, a non-square kernel, stride 2 with TensorFlow's asymmetric padding, dilation 2,
// each pooling with padding, pooling first, and LeNet-5 as SimpleChains.jl publishes it.
namespace StaticNet.Tests.Networks;

/// <summary>A 3 × 2 kernel over a 7 × 6 × 2 image, valid padding, ReLU; a softmax classifier on the flattened maps.</summary>
[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(7, 6, 2)]
[Conv2D(3, 3, 2, Activation.ReLU)]
[Flatten]
[Dense(3, Activation.Softmax)]
public partial class ConvValidNet;

/// <summary>Stride 2 with same padding over 7 × 8 (TensorFlow pads the width's odd column on the right), then 2 × 2 max pooling.</summary>
[Network(Loss.MeanSquaredError)]
[Input(7, 8, 3)]
[Conv2D(4, 3, 3, Activation.Tanh, Strides = 2, Padding = Padding.Same)]
[MaxPooling2D(2, 2)]
[Flatten]
[Dense(2)]
public partial class ConvSameStrideNet;

/// <summary>Dilation 2 with an L2 penalty, then average pooling with same padding (the last row and column average one cell).</summary>
[Network(Loss.BinaryCrossEntropy)]
[Input(9, 9, 1)]
[Conv2D(2, 3, 3, Activation.LeakyReLU, DilationRate = 2, L2 = 0.01)]
[AveragePooling2D(2, 2, Padding = Padding.Same)]
[Flatten]
[Dense(1, Activation.Sigmoid)]
public partial class ConvDilatedNet;

/// <summary>Max pooling first (3 × 3, stride 2, same padding: asymmetric along the height), then a 1 × 1 convolution.</summary>
[Network(Loss.MeanSquaredError)]
[Input(6, 5, 2)]
[MaxPooling2D(3, 3, Strides = 2, Padding = Padding.Same)]
[Conv2D(2, 1, 1)]
[Flatten]
[Dense(2)]
public partial class PoolFirstNet;

/// <summary>LeNet-5 as SimpleChains.jl publishes it: 44,426 parameters.</summary>
[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(28, 28, 1)]
[Conv2D(6, 5, 5, Activation.ReLU)]
[MaxPooling2D(2, 2)]
[Conv2D(16, 5, 5, Activation.ReLU)]
[MaxPooling2D(2, 2)]
[Flatten]
[Dense(120, Activation.ReLU)]
[Dense(84, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class LeNet5;

/// <summary>A small image classifier: which quadrant of an 8 × 8 image holds a bright square.</summary>
[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(8, 8, 1)]
[Conv2D(4, 3, 3, Activation.ReLU, Padding = Padding.Same)]
[MaxPooling2D(2, 2)]
[Flatten]
[Dense(4, Activation.Softmax)]
public partial class QuadrantNet;

/// <summary>Global average pooling after a strided same convolution, into a softmax without Flatten.</summary>
[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(9, 7, 2)]
[Conv2D(5, 3, 3, Activation.Tanh, Strides = 2, Padding = Padding.Same)]
[GlobalAveragePooling2D]
[Dense(3, Activation.Softmax)]
public partial class GlobalAverageNet;

/// <summary>Global max pooling of a dilated convolution, an MSE output.</summary>
[Network(Loss.MeanSquaredError)]
[Input(8, 9, 1)]
[Conv2D(3, 2, 3, Activation.LeakyReLU, DilationRate = 2)]
[GlobalMaxPooling2D]
[Dense(2)]
public partial class GlobalMaxNet;

/// <summary>Random flips of the input in training, then a convolution: flips both ways, the gradient flipped back.</summary>
[Network(Loss.MeanSquaredError)]
[Input(5, 4, 2)]
[RandomFlip]
[Conv2D(3, 2, 2, Activation.Tanh)]
[RandomFlip(FlipMode.Horizontal)]
[Flatten]
[Dense(2)]
public partial class FlipNet;

/// <summary>Random shifts of the input in training (bilinear, reflected; then nearest with a constant fill after a convolution), the gradient carried back.</summary>
[Network(Loss.MeanSquaredError)]
[Input(6, 5, 2)]
[RandomTranslation(0.3, 0.4)]
[Conv2D(3, 2, 2, Activation.Tanh)]
[RandomTranslation(0.5, 0.25, FillMode = FillMode.Constant, Interpolation = Interpolation.Nearest, FillValue = 0.5)]
[Flatten]
[Dense(2)]
public partial class ShiftNet;

/// <summary>A 1-D convolution with stride 2 and same padding over 11 steps of 3 channels, 1-D max pooling, an MSE output.</summary>
[Network(Loss.MeanSquaredError)]
[Input(11, 3)]
[Conv1D(4, 3, Activation.ReLU, Strides = 2, Padding = Padding.Same, L2 = 0.01)]
[MaxPooling1D(2)]
[Flatten]
[Dense(2)]
public partial class Conv1DNet;

/// <summary>A dilated 1-D convolution, global average pooling over the steps, a softmax classifier.</summary>
[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(9, 2)]
[Conv1D(3, 2, Activation.Tanh, DilationRate = 2)]
[GlobalAveragePooling1D]
[Dense(3, Activation.Softmax)]
public partial class Conv1DGlobalNet;

/// <summary>
/// Generated average pooling whose windows leave a row and a column uncovered (5 × 7 in 2 × 2 windows), over 6 channels
/// (the last 4-channel block overlapping the one before it): its backward pass clears the uncovered cells.
/// </summary>
[Network(Loss.MeanSquaredError)]
[Input(5, 7, 3)]
[Conv2D(6, 1, 1, Activation.Tanh)]
[AveragePooling2D(2, 2)]
[Flatten]
[Dense(2)]
public partial class PoolGapAverageNet;

/// <summary>Generated max pooling with strides wider than its window (cells between windows take no gradient), 4 channels.</summary>
[Network(Loss.MeanSquaredError)]
[Input(8, 8, 1)]
[Conv2D(4, 1, 1, Activation.Tanh)]
[MaxPooling2D(2, 2, Strides = 3)]
[Flatten]
[Dense(2)]
public partial class PoolStrideMaxNet;

/// <summary>Overlapping max-pooling windows (3 × 3, stride 2) over 5 channels: a generated forward pass, the runtime's backward.</summary>
[Network(Loss.MeanSquaredError)]
[Input(7, 7, 2)]
[Conv2D(5, 1, 1, Activation.Tanh)]
[MaxPooling2D(3, 3, Strides = 2)]
[Flatten]
[Dense(2)]
public partial class PoolOverlapMaxNet;

/// <summary>
/// A one-channel convolution computed straight from the image: output rows of 30 floats (10 pixels × 3 filters: whole
/// vectors, then one overlapping the last), 7 of them (pairs of rows, then the last alone), dL/dz rows padded with
/// zeros, tanh applied after the vector pass.
/// </summary>
[Network(Loss.MeanSquaredError)]
[Input(8, 12, 1)]
[Conv2D(3, 2, 3, Activation.Tanh)]
[Flatten]
[Dense(2)]
public partial class DirectConvNet;

/// <summary>
/// A one-channel convolution whose output rows are 38 pixels: at 256 bits 5 runs of 8 (the last overlapping the one
/// before it by 2), more than the backward pass writes out, so they go round a loop.
/// </summary>
[Network(Loss.MeanSquaredError)]
[Input(5, 40, 1)]
[Conv2D(3, 2, 3, Activation.ReLU)]
[Flatten]
[Dense(2)]
public partial class DirectWideRowNet;

/// <summary>
/// Seven filters from a one-channel image: at 256 bits one run of 8 pixels at a time forward (7 sums, an image vector, a
/// weight), the channels-last store's 5–7-channel path, and backward tiles of 6 taps × 2 filters with a last tile of one
/// filter; rows of 10 pixels, the second run overlapping the first.
/// </summary>
[Network(Loss.MeanSquaredError)]
[Input(7, 12, 1)]
[Conv2D(7, 2, 3, Activation.ReLU)]
[Flatten]
[Dense(2)]
public partial class DirectSevenFiltersNet;

/// <summary>A dilated one-channel convolution computed straight from the image, LeakyReLU, 4 filters.</summary>
[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(9, 14, 1)]
[Conv2D(4, 3, 3, Activation.LeakyReLU, DilationRate = 2)]
[MaxPooling2D(1, 2)]
[Flatten]
[Dense(3, Activation.Softmax)]
public partial class DirectDilatedNet;

/// <summary>A 1-D convolution of a one-channel signal computed straight from it, sigmoid, 5 filters.</summary>
[Network(Loss.MeanSquaredError)]
[Input(20, 1)]
[Conv1D(5, 3, Activation.Sigmoid)]
[GlobalAveragePooling1D]
[Dense(2)]
public partial class DirectConv1DNet;

/// <summary>
/// A strided convolution after a pointwise one, so its input gradient is scattered: stride 2 down the image (rows that
/// odd kernel rows reach but no even ones do), and a kernel row's run of 40 floats (a chunk of 32 summed in registers,
/// then 8).
/// </summary>
[Network(Loss.MeanSquaredError)]
[Input(9, 11, 3)]
[Conv2D(10, 1, 1, Activation.Tanh)]
[Conv2D(3, 3, 4, Activation.Tanh, Strides = 2)]
[Flatten]
[Dense(2)]
public partial class ConvStridedScatterNet;

/// <summary>Runs of 120 floats (5 × 24 channels) at stride 2: three chunks of 32 in a loop, then 24.</summary>
[Network(Loss.MeanSquaredError)]
[Input(7, 11, 2)]
[Conv2D(24, 1, 1, Activation.Tanh)]
[Conv2D(3, 2, 5, Activation.Tanh, Strides = 2)]
[Flatten]
[Dense(2)]
public partial class ConvWideScatterNet;

/// <summary>
/// A one-channel convolution whose backward pass sums a kernel column at a time over blocks of output rows: 23 output
/// rows (the last block rounded up with zero rows) and 7 kernel rows.
/// </summary>
[Network(Loss.MeanSquaredError)]
[Input(29, 24, 1)]
[Conv2D(8, 7, 3, Activation.ReLU)]
[MaxPooling2D(4, 4)]
[Flatten]
[Dense(2)]
public partial class DirectColumnNet;

/// <summary>
/// The same by kernel column, dilated: output row r's kernel row h reads image row r + 2h. At 512 bits 5 kernel rows a
/// group, so the 9 round up to 10 (the tenth's sums are dropped); at 256 and 128 bits 3.
/// </summary>
[Network(Loss.MeanSquaredError)]
[Input(24, 20, 1)]
[Conv2D(3, 9, 2, Activation.Tanh, DilationRate = 2)]
[Flatten]
[Dense(2)]
public partial class DirectColumnDilatedNet;

/// <summary>A tall kernel by kernel column: 11 kernel rows, at 256 bits 6 a group and at 128 bits 3 (12 summed, 11 kept).</summary>
[Network(Loss.MeanSquaredError)]
[Input(17, 20, 1)]
[Conv2D(8, 11, 2, Activation.Tanh)]
[Flatten]
[Dense(2)]
public partial class DirectColumnTallNet;

/// <summary>
/// A Dense layer of 40 units after a convolution: the step's tiles hold 4 samples, so its 512-bit forward tile is 4
/// samples × 6 blocks (here 3, the last overlapping) and its input gradient 4 samples a pass.
/// </summary>
[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(20, 20, 2)]
[Conv2D(6, 3, 3, Activation.ReLU)]
[MaxPooling2D(6, 6)]
[Flatten]
[Dense(40, Activation.Tanh)]
[Dense(20, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class ConvDenseTileNet;
