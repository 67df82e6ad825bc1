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
