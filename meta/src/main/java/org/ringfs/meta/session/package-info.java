/** Writer sessions: who may still commit which generations, and when their uncommitted copies become garbage. */
package org.ringfs.meta.session;
