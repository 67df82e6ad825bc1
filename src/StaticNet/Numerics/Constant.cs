namespace StaticNet.Generated;

/// <summary>
/// An integer the JIT knows: a type argument whose <see cref="Value"/> is a constant in each instantiation, so that code
/// generic over it gets constant loop bounds and strides and drops the branches of other values. Read it as
/// <c>TCount.Value</c> at each use: copied into a local or passed as an argument first, the JIT no longer treated it as a
/// constant (measured on the batch softmax). The types are <see cref="Constant"/>'s.
/// </summary>
internal interface IConstant
{
    static abstract int Value { get; }
}

/// <summary>The <see cref="IConstant"/>s: the counts of classes, features and vectors that code is specialised on.</summary>
internal static class Constant
{
    internal readonly struct One : IConstant
    {
        public static int Value => 1;
    }

    internal readonly struct Two : IConstant
    {
        public static int Value => 2;
    }

    internal readonly struct Three : IConstant
    {
        public static int Value => 3;
    }

    internal readonly struct Four : IConstant
    {
        public static int Value => 4;
    }

    internal readonly struct Five : IConstant
    {
        public static int Value => 5;
    }

    internal readonly struct Six : IConstant
    {
        public static int Value => 6;
    }

    internal readonly struct Seven : IConstant
    {
        public static int Value => 7;
    }

    internal readonly struct Eight : IConstant
    {
        public static int Value => 8;
    }

    internal readonly struct Twelve : IConstant
    {
        public static int Value => 12;
    }
}
