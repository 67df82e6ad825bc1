using StaticNet;

// Single N×N layers with each strategy forced, for calibrating the automatic choice (docs/benchmarks.md).
namespace StaticNet.Benchmarks.Calibration;

[Network(Loss.MeanSquaredError, Strategy = CodeStrategy.Unrolled)]
[Input(4)]
[Dense(4, Activation.ReLU)]
public partial class Unrolled4Net;

[Network(Loss.MeanSquaredError, Strategy = CodeStrategy.Unrolled)]
[Input(8)]
[Dense(8, Activation.ReLU)]
public partial class Unrolled8Net;

[Network(Loss.MeanSquaredError, Strategy = CodeStrategy.Unrolled)]
[Input(16)]
[Dense(16, Activation.ReLU)]
public partial class Unrolled16Net;

[Network(Loss.MeanSquaredError, Strategy = CodeStrategy.Simd)]
[Input(8)]
[Dense(8, Activation.ReLU)]
public partial class Simd8Net;

[Network(Loss.MeanSquaredError, Strategy = CodeStrategy.Simd)]
[Input(16)]
[Dense(16, Activation.ReLU)]
public partial class Simd16Net;

[Network(Loss.MeanSquaredError, Strategy = CodeStrategy.Simd)]
[Input(32)]
[Dense(32, Activation.ReLU)]
public partial class Simd32Net;

[Network(Loss.MeanSquaredError, Strategy = CodeStrategy.Loop)]
[Input(8)]
[Dense(8, Activation.ReLU)]
public partial class Loop8Net;

[Network(Loss.MeanSquaredError, Strategy = CodeStrategy.Loop)]
[Input(16)]
[Dense(16, Activation.ReLU)]
public partial class Loop16Net;

[Network(Loss.MeanSquaredError, Strategy = CodeStrategy.Loop)]
[Input(32)]
[Dense(32, Activation.ReLU)]
public partial class Loop32Net;

[Network(Loss.MeanSquaredError, Strategy = CodeStrategy.Loop)]
[Input(64)]
[Dense(64, Activation.ReLU)]
public partial class Loop64Net;
