// RTNeural's compile-time GRU and LSTM (ModelT), timed as StaticNet's `-- recurrent` times its layers: input = units,
// one step per call, random weights, ns per step (the best of seven rounds after a warm-up). Build (see README.md here):
//   g++ -O3 -march=native -std=c++17 -DRTNEURAL_USE_EIGEN=1 -I<RTNeural source> -I/usr/include/eigen3 rtneural_bench.cpp
#include <RTNeural/RTNeural.h>
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

template <typename Layer, int N>
static void fill(Layer& layer, int gates, std::mt19937& rng)
{
    std::uniform_real_distribution<float> u(-0.3f, 0.3f);
    std::vector<std::vector<float>> w(N, std::vector<float>(gates * N));
    std::vector<std::vector<float>> r(N, std::vector<float>(gates * N));
    for (auto& row : w) for (auto& v : row) v = u(rng);
    for (auto& row : r) for (auto& v : row) v = u(rng);
    layer.setWVals(w);
    layer.setUVals(r);
}

template <typename Model, int N>
static double time_steps(Model& model)
{
    std::mt19937 rng(3);
    std::uniform_real_distribution<float> u(-0.5f, 0.5f);
    std::vector<float> input(N * 64);
    for (auto& v : input) v = u(rng);
    float sink = 0;
    const int calls = 200000;
    for (int i = 0; i < calls; i++) { model.forward(&input[(i % 64) * N]); sink += model.getOutputs()[0]; }
    double best = 1e30;
    for (int round = 0; round < 7; round++)
    {
        auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < calls; i++) { model.forward(&input[(i % 64) * N]); sink += model.getOutputs()[0]; }
        double ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count() / calls;
        if (ns < best) best = ns;
    }
    if (sink == 12345.678f) std::printf("!");
    return best;
}

template <int N>
static void run()
{
    std::mt19937 rng(1);
    RTNeural::ModelT<float, N, N, RTNeural::GRULayerT<float, N, N>> gru;
    fill<decltype(gru.template get<0>()), N>(gru.template get<0>(), 3, rng);
    std::vector<std::vector<float>> gb(2, std::vector<float>(3 * N, 0.1f));
    gru.template get<0>().setBVals(gb);
    gru.reset();
    RTNeural::ModelT<float, N, N, RTNeural::LSTMLayerT<float, N, N>> lstm;
    fill<decltype(lstm.template get<0>()), N>(lstm.template get<0>(), 4, rng);
    lstm.template get<0>().setBVals(std::vector<float>(4 * N, 0.1f));
    lstm.reset();
    std::printf("GRU %d: %.0f ns a step\n", N, time_steps<decltype(gru), N>(gru));
    std::printf("LSTM %d: %.0f ns a step\n", N, time_steps<decltype(lstm), N>(lstm));
}

int main()
{
    run<8>();
    run<16>();
    run<32>();
    run<64>();
}
