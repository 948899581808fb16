/**
 * Users, password login, token issuing and the roles that guard every other module's endpoints.
 */
@NullMarked
package org.boxoffice.account;

import org.jspecify.annotations.NullMarked;
