using TanKy.Protocol;

namespace TanKy.Hub.Emergency.Led;

/// <summary>What an LED board shows: text (diacritics kept) and the class it belongs to.</summary>
internal sealed record LedMessage(string Text, BulletinClass Class);
