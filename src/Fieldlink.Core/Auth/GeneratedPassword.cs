using System.Security.Cryptography;

namespace Fieldlink.Core.Auth;

/// <summary>
/// A password made up for a person (<c>fieldlink users create</c>, the demo's people): 20 characters from a
/// cryptographic random source, with an upper-case and a lower-case letter, a digit and a symbol, so it meets
/// Identity's password rules. The symbols are ones a shell leaves alone inside quotes.
/// </summary>
public static class GeneratedPassword
{
    public const int Length = 20;

    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Symbols = "-_.+=@%";

    public static string New()
    {
        const string all = Upper + Lower + Digits + Symbols;
        var chars = new char[Length];
        chars[0] = Upper[RandomNumberGenerator.GetInt32(Upper.Length)];
        chars[1] = Lower[RandomNumberGenerator.GetInt32(Lower.Length)];
        chars[2] = Digits[RandomNumberGenerator.GetInt32(Digits.Length)];
        chars[3] = Symbols[RandomNumberGenerator.GetInt32(Symbols.Length)];
        for (var i = 4; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
