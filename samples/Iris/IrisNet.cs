using StaticNet;

namespace Samples.Iris;

/// <summary>The network of the Keras Iris example: 4 features → 10 → 10 → 3 classes.</summary>
[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(4)]
[Dense(10, Activation.ReLU)]
[Dense(10, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class IrisNet;
