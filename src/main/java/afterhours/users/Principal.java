package afterhours.users;

/** Who is calling: a user's name or a token's label, and the role it has. */
public record Principal(String name, Role role) { }
