package dev.lodestone.server.live;

/**
 * What the live-activity badge shows for one product.
 *
 * @param viewingNow  distinct shoppers with any interaction other than an impression in the last 5 minutes
 * @param recentViews {@code view} interactions in the last hour
 * @param addedToCart {@code add_to_cart} interactions in the last hour
 * @param recentSales {@code purchase} interactions in the last 24 hours
 */
public record ActivityCounts(int viewingNow, int recentViews, int addedToCart, int recentSales) {
}
