package dev.lodestone.core.engine;

/**
 * One list request as the sources see it.
 *
 * @param user        the user's matrix index for a personalised list, else -1
 * @param item        the source entity's index for a similar-entities list, else -1
 * @param eligibility what may be returned
 * @param pool        how many candidates a ranked-order source (popular, trending, content scan) yields
 * @param windowDays  the trending window
 */
record RankRequest(int user, int item, Eligibility eligibility, int pool, double windowDays) {
}
