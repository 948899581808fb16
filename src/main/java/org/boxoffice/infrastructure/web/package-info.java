@NullMarked
package org.boxoffice.infrastructure.web;

import org.jspecify.annotations.NullMarked;
