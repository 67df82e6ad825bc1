using StaticNet.Tests.Networks;

namespace StaticNet.Tests.Text;

/// <summary>
/// <see cref="TextVectorizer"/> against Keras's <c>TextVectorization</c> rules (padding 0, <c>[UNK]</c> 1, tokens by
/// frequency, lower case without punctuation, truncated and padded at the end), its file, and a network that learns
/// from raw text through it.
/// </summary>
public class TextVectorizerTests
{
    [Fact]
    public void Words_are_ranked_by_frequency_and_texts_cut_or_padded_to_length()
    {
        var vectorizer = TextVectorizer.Adapt(["The cat sat.", "the CAT ran", "A dog!"], sequenceLength: 5);
        Assert.Equal(["", "[UNK]", "the", "cat", "sat", "ran", "a", "dog"], vectorizer.Vocabulary);
        Assert.Equal(8, vectorizer.VocabularySize);
        Assert.Equal([2f, 1f, 4f, 0f, 0f], vectorizer.Vectorize("The bird, sat"));          // an unknown word is [UNK]; padding at the end
        Assert.Equal([2f, 3f, 2f, 3f, 2f], vectorizer.Vectorize("the cat the cat the cat")); // truncated at the end
        Assert.Equal([0f, 0f, 0f, 0f, 0f], vectorizer.Vectorize("?!"));

        // maxTokens counts padding and [UNK]: the two most frequent words stay.
        var small = TextVectorizer.Adapt(["The cat sat.", "the CAT ran", "A dog!"], 3, maxTokens: 4);
        Assert.Equal(["", "[UNK]", "the", "cat"], small.Vocabulary);
        Assert.Equal([2f, 1f, 1f], small.Vectorize("the dog sat"));
    }

    [Fact]
    public void Characters_are_tokens_and_standardising_can_be_turned_off()
    {
        var characters = TextVectorizer.Adapt(["abba", "cab"], sequenceLength: 6, split: TextSplit.Character);
        Assert.Equal(["", "[UNK]", "a", "b", "c"], characters.Vocabulary);
        Assert.Equal([4f, 2f, 3f, 1f, 0f, 0f], characters.Vectorize("CAbz"));

        var raw = TextVectorizer.Adapt(["Ab", "ab"], 2, TextSplit.Character, standardize: false);
        Assert.Equal(["", "[UNK]", "b", "A", "a"], raw.Vocabulary);
    }

    [Fact]
    public void A_saved_vectorizer_loads_the_same_and_damage_is_named()
    {
        string folder = Directory.CreateTempSubdirectory("snet-text").FullName;
        try
        {
            var vectorizer = TextVectorizer.Adapt(["back\\slash new\nline", "é ü ß 日本"], 4, TextSplit.Character);
            string path = Path.Combine(folder, "vocabulary.txt");
            vectorizer.Save(path);
            TextVectorizer loaded = TextVectorizer.Load(path);
            Assert.Equal(vectorizer.Vocabulary, loaded.Vocabulary);
            Assert.Equal((vectorizer.Split, vectorizer.SequenceLength, vectorizer.Standardize), (loaded.Split, loaded.SequenceLength, loaded.Standardize));
            Assert.Equal(vectorizer.Vectorize("日本\nx"), loaded.Vectorize("日本\nx"));

            string text = File.ReadAllText(path);
            File.WriteAllText(path, text.Replace("sequence_length 4", "sequence_length 5", StringComparison.Ordinal));
            Assert.Contains("checksum does not match", Assert.Throws<InvalidDataException>(() => TextVectorizer.Load(path)).Message, StringComparison.Ordinal);
            File.WriteAllText(path, text[..(text.Length / 2)]);
            Assert.Contains("cut short", Assert.Throws<InvalidDataException>(() => TextVectorizer.Load(path)).Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentException>(() => TextVectorizer.FromVocabulary(["a", "b"], 3));
            Assert.Throws<ArgumentOutOfRangeException>(() => TextVectorizer.Adapt(["a"], 3, maxTokens: 2));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_bag_of_embeddings_learns_from_raw_text()
    {
        // Phrases of filler words with "good" or "bad" (or neither) somewhere: three classes, read from raw strings.
        string[] fillers = ["the", "film", "was", "quite", "plot", "and", "acting", "very", "ending"];
        var random = new SeededRandom(3);
        var texts = new List<string>();
        var labels = new List<float>();
        for (int i = 0; i < 600; i++)
        {
            var words = Enumerable.Range(0, 5).Select(_ => fillers[random.NextInt(fillers.Length)]).ToList();
            int label = i % 3;
            if (label < 2)
            {
                words.Insert(random.NextInt(6), label == 0 ? "Good!" : "bad.");
            }

            texts.Add(string.Join(' ', words));
            labels.Add(label);
        }

        var vectorizer = TextVectorizer.Adapt(texts.Take(450), sequenceLength: 7, maxTokens: 13);
        Assert.Equal(13, vectorizer.VocabularySize); // EmbeddingBagNet: [Input(7)] [Embedding(13, 4)] … 3 classes
        Assert.Contains("good", vectorizer.Vocabulary);
        Dataset train = vectorizer.ToDataset(texts.Take(450).ToArray(), labels.Take(450).ToArray(), classCount: 3);
        Dataset test = vectorizer.ToDataset(texts.Skip(450).ToArray(), labels.Skip(450).ToArray(), classCount: 3);
        var net = new EmbeddingBagNet(seed: 1);
        net.Fit(train, epochs: 60, batchSize: 32, optimizer: new Adam(0.02f), seed: 2, verbose: 0);
        Assert.True(net.Evaluate(test).Accuracy >= 0.95, $"held-out accuracy {net.Evaluate(test).Accuracy}");
        // Six words, as the training phrases with a sentiment word have: without MaskZero the padding is averaged in too.
        Assert.Equal(0, net.PredictClass(vectorizer.Vectorize("The acting was very GOOD, quite")));
        Assert.Equal(1, net.PredictClass(vectorizer.Vectorize("BAD film and plot was quite")));
    }

    [Fact]
    public void A_bundle_carries_the_vectorizer_so_raw_text_predicts_the_same_after_loading()
    {
        string folder = Directory.CreateTempSubdirectory("snet-text-bundle").FullName;
        try
        {
            var vectorizer = TextVectorizer.Adapt(["a cat sat on the mat", "the dog ran", "a bird sang"], sequenceLength: 8);
            Assert.True(vectorizer.VocabularySize <= 12); // MaskedGruNet: [Input(8)] [Embedding(12, 4, MaskZero = true)] … 2 classes
            var net = new MaskedGruNet(seed: 4);
            string path = Path.Combine(folder, "text.snetmodel");
            ModelBundle.Save(path, net, classNames: ["animal", "place"], vectorizer: vectorizer);

            var bundle = ModelBundle.Load<MaskedGruNet>(path);
            Assert.Equal(vectorizer.Vocabulary, bundle.Vectorizer!.Vocabulary);
            Assert.Equal((vectorizer.Split, vectorizer.SequenceLength, vectorizer.Standardize), (bundle.Vectorizer.Split, bundle.Vectorizer.SequenceLength, bundle.Vectorizer.Standardize));
            foreach (string text in new[] { "The CAT ran!", "a bird on the mat", "unknown words only" })
            {
                var expected = new float[MaskedGruNet.OutputSize];
                net.Forward(vectorizer.Vectorize(text), expected);
                Assert.Equal(expected, bundle.Predict(text));
                Assert.Equal(net.PredictClass(vectorizer.Vectorize(text)) == 0 ? "animal" : "place", bundle.PredictClassName(text));
            }

            // A vectoriser that does not fit the network is refused when saving, with what does not fit named.
            var longer = TextVectorizer.Adapt(["a b"], sequenceLength: 9);
            Assert.Contains("9 ids a text, but MaskedGruNet takes 8 inputs", Assert.Throws<ArgumentException>(() => ModelBundle.Save(path, net, vectorizer: longer)).Message, StringComparison.Ordinal);
            var wide = TextVectorizer.Adapt(["a b c d e f g h i j k l m"], sequenceLength: 8);
            Assert.Contains("a vocabulary of 15 tokens, but MaskedGruNet's embedding_1 has 12 rows", Assert.Throws<ArgumentException>(() => ModelBundle.Save(path, net, vectorizer: wide)).Message, StringComparison.Ordinal);

            // Without one, text is refused plainly rather than guessed.
            ModelBundle.Save(path, net);
            Assert.Contains("without a text vectoriser", Assert.Throws<InvalidOperationException>(() => ModelBundle.Load<MaskedGruNet>(path).Predict("a cat")).Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
