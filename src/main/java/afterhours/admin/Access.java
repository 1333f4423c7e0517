package afterhours.admin;

import afterhours.users.Role;
import io.javalin.security.RouteRole;

/** A route's required role in Javalin's terms: the users' {@link Role}, one for one. */
enum Access implements RouteRole {
    ADMIN(Role.ADMIN), VIEWER(Role.VIEWER), CONTRACTOR(Role.CONTRACTOR), RECEPTION(Role.RECEPTION);

    private final Role role;

    Access(Role role) {
        this.role = role;
    }

    static Access of(Role role) {
        for (Access a : values()) {
            if (a.role == role) {
                return a;
            }
        }
        throw new IllegalArgumentException("no access level for role " + role);
    }
}
