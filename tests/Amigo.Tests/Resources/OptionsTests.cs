namespace Amigo.Tests.Resources;

[TestFixture]
public sealed class OptionsTests
{
    [Test]
    public void Optional_TellsUnsetFromNull()
    {
        AmigoOptional<string?> unset = default;
        AmigoOptional<string?> setToNull = null;
        AmigoOptional<string?> setToValue = "x";

        Assert.That(unset.IsSet, Is.False);
        Assert.That(setToNull.IsSet, Is.True);
        Assert.That(setToNull.Value, Is.Null);
        Assert.That(setToValue.Value, Is.EqualTo("x"));
        Assert.That(unset, Is.Not.EqualTo(setToNull));
        Assert.That(unset, Is.EqualTo(AmigoOptional<string?>.Unset));
        Assert.Throws<InvalidOperationException>(() => _ = unset.Value);
        Assert.That(unset.ToString(), Is.EqualTo("(unset)"));
        Assert.That(setToNull.ToString(), Is.EqualTo("null"));
    }

    [Test]
    public void Update_ToString_ShowsTheBodyItWouldSend()
    {
        Assert.That(new DynamicBehaviorSetUpdate { IsActive = true, Name = null }.ToString(), Is.EqualTo("""{"name":null,"is_active":true}"""));
    }
}
