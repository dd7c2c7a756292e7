using Amigo;

// Compiles against the packed Amigo package only: proves a consumer on this framework restores and builds it.
var options = new AmigoClientOptions();
Console.WriteLine(typeof(AmigoClient).Assembly.GetName().Name + " " + options.GetType().Name);
