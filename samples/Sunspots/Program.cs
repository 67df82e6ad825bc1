// Forecasts yearly sunspot numbers with an LSTM over twelve-year windows, beside the naive forecast and a linear
// autoregression on the same split. Writes the forecast plot to the current folder, or the folder given.
using System.Globalization;
using Samples.Sunspots;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string output = args.Length > 0 ? args[0] : Directory.GetCurrentDirectory();
SunspotsOutcome o = SunspotsExample.Run(AppContext.BaseDirectory, output, Console.Out, verbose: 0);

Console.WriteLine($"Trained {o.History.Count} epochs (early stopping restored the best).");
Console.WriteLine($"Test years {SunspotsExample.FirstTestYear}–2008 ({o.TestYears} forecasts), mean absolute error in sunspots:");
Console.WriteLine($"{"naive (next year = this year)",-40}{o.NaiveMae,8:F2}");
Console.WriteLine($"{"linear autoregression on 12 years",-40}{o.LinearMae,8:F2}");
Console.WriteLine($"{"StaticNet LSTM(32) → Dense(1)",-40}{o.NetworkMae,8:F2}");
Console.WriteLine($"Forecast plot: {o.Plot}");
