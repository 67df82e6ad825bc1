using StaticNet;

namespace Samples.Overfitting;

/// <summary>
/// A network far wider than 100 samples call for: two hidden layers of 256 units, about 74,000 parameters for 30
/// features. Trained long enough, it learns the training set by heart.
/// </summary>
[Network(Loss.BinaryCrossEntropy)]
[Input(30)]
[Dense(256, Activation.ReLU)]
[Dense(256, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class WideNet;

/// <summary>
/// The same network regularised as the Keras primer suggests: an L2 penalty on each hidden kernel (weight decay) and
/// dropout after each hidden layer, both active only while training.
/// </summary>
[Network(Loss.BinaryCrossEntropy)]
[Input(30)]
[Dense(256, Activation.ReLU, L2 = 1e-3)]
[Dropout(0.5)]
[Dense(256, Activation.ReLU, L2 = 1e-3)]
[Dropout(0.5)]
[Dense(1, Activation.Sigmoid)]
public partial class RegularizedWideNet;
