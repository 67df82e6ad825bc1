using StaticNet;

namespace Samples.Digits;

/// <summary>8×8 handwritten digits: 64 pixels → 64 hidden units → 10 classes.</summary>
[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(64)]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class DigitsNet;
