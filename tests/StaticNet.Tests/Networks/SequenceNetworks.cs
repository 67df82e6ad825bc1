namespace StaticNet.Tests.Networks;

/// <summary>A bag of embeddings: each sequence's mean vector, then a softmax over three classes.</summary>
[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(7)]
[Embedding(13, 4)]
[GlobalAveragePooling1D]
[Dense(3, Activation.Softmax)]
public partial class EmbeddingBagNet;

/// <summary>Embeddings read by a 1-D convolution, the strongest response over the steps, and a sigmoid.</summary>
[Network(Loss.BinaryCrossEntropy)]
[Input(9)]
[Embedding(20, 5)]
[Conv1D(6, 3, Activation.ReLU)]
[GlobalMaxPooling1D]
[Dense(1, Activation.Sigmoid)]
public partial class EmbeddingConvNet;

/// <summary>A small vocabulary, flattened into a regression: every position's vector reaches the output.</summary>
[Network(Loss.MeanSquaredError)]
[Input(3)]
[Embedding(5, 2, EmbeddingsInitializer = Initializer.GlorotUniform)]
[Flatten]
[Dense(2)]
public partial class EmbeddingFlatNet;

/// <summary>A GRU alone, its state the output (RTNeural's shape): a step's input and output have the same size, so they can share memory.</summary>
[Network(Loss.MeanSquaredError)]
[Input(6, 4)]
[GRU(4)]
public partial class LoneGruNet;

/// <summary>A SimpleRNN's last state into a softmax.</summary>
[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(5, 3)]
[SimpleRNN(4)]
[Dense(3, Activation.Softmax)]
public partial class SimpleRnnNet;

/// <summary>Two GRUs, the first giving every step's state, the second with the reset gate before its product.</summary>
[Network(Loss.MeanSquaredError)]
[Input(6, 2)]
[GRU(5, ReturnSequences = true)]
[GRU(3, ResetAfter = false, L1 = 0.01, L2 = 0.02)]
[Dense(2)]
public partial class GruNet;

/// <summary>Token ids, embedded, read by an LSTM, into a sigmoid.</summary>
[Network(Loss.BinaryCrossEntropy)]
[Input(7)]
[Embedding(11, 3)]
[LSTM(4)]
[Dense(1, Activation.Sigmoid)]
public partial class LstmNet;

/// <summary>An LSTM without the forget bias and a ReLU SimpleRNN, every step's state, averaged over the steps.</summary>
[Network(Loss.MeanSquaredError)]
[Input(4, 3)]
[LSTM(3, ReturnSequences = true, UnitForgetBias = false)]
[SimpleRNN(2, Activation = Activation.ReLU, ReturnSequences = true, L2 = 0.05)]
[GlobalAveragePooling1D]
[Dense(1)]
public partial class RecurrentStackNet;

/// <summary>A bidirectional GRU giving every step's states (both directions'), then a bidirectional LSTM's last states.</summary>
[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(5, 2)]
[GRU(3, ReturnSequences = true, Bidirectional = true)]
[LSTM(2, Bidirectional = true, L2 = 0.01)]
[Dense(3, Activation.Softmax)]
public partial class BidirectionalNet;

/// <summary>Dense on every step (Keras applies it to the last axis), then a GRU over those features.</summary>
[Network(Loss.MeanSquaredError)]
[Input(6, 3)]
[Dense(4, Activation.Tanh)]
[GRU(5)]
[Dense(2)]
public partial class TimeDistributedNet;

/// <summary>A value per step: an LSTM's every state through two Dense layers on each step, the last the output.</summary>
[Network(Loss.MeanSquaredError)]
[Input(5, 2)]
[LSTM(3, ReturnSequences = true)]
[Dense(4, Activation.Tanh)]
[Dense(1)]
public partial class SequenceTaggerNet;

/// <summary>Padding (id 0) masked: a GRU's last state over the real tokens only, into a softmax.</summary>
[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(8)]
[Embedding(12, 4, MaskZero = true)]
[GRU(5)]
[Dense(2, Activation.Softmax)]
public partial class MaskedGruNet;

/// <summary>The mask through an LSTM's every state and a Dense on each step to a mean over the real steps.</summary>
[Network(Loss.MeanSquaredError)]
[Input(7)]
[Embedding(10, 3, MaskZero = true)]
[LSTM(4, ReturnSequences = true)]
[Dense(3, Activation.Tanh)]
[GlobalAveragePooling1D]
[Dense(1)]
public partial class MaskedStackNet;

/// <summary>The mask through a bidirectional GRU (zero outputs at padding, as Keras's wrapper) and a SimpleRNN.</summary>
[Network(Loss.BinaryCrossEntropy)]
[Input(6)]
[Embedding(9, 3, MaskZero = true)]
[GRU(3, ReturnSequences = true, Bidirectional = true)]
[SimpleRNN(2)]
[Dense(1, Activation.Sigmoid)]
public partial class MaskedBidirectionalNet;
