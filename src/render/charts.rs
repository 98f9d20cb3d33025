//! Charts drawn at build time as SVG inside the page: no script and no chart
//! library in the browser. A bar chart is a list of labelled bars, each with its
//! value written beside it (the figure is never told by colour alone), and an
//! optional target drawn as a dashed line with its own label. The drawing is 320
//! units wide, so that on a 360 px phone one unit is about one pixel and its text
//! reads at the page's size; it grows with the column on a wider screen.

use crate::text::xml_escape as escape;
use std::fmt::Write;

/// One bar: its label, its value as shown, and its length as a share of the axis.
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub value: String,
    /// 0.0 to 1.0 of the axis.
    pub share: f64,
}

/// A target on one bar's axis: which bar, where (0.0 to 1.0) and what it says
/// ("Women: target 35%").
#[derive(Debug, Clone)]
pub struct Target {
    pub bar: usize,
    pub share: f64,
    pub label: String,
}

const WIDTH: f64 = 320.0;
/// Room on the right for the value after the longest bar.
const VALUE_ROOM: f64 = 64.0;
const ROW: f64 = 40.0;
/// Colours that keep 3:1 against white for the bar (WCAG 1.4.11) and 4.5:1 for
/// text (1.4.3): the theme's blue, near-black, and a dark red for the target.
const BAR: &str = "#1d5a8c";
const TEXT: &str = "#1b1b1b";
const TARGET: &str = "#a3222b";

/// A horizontal bar chart. `id` names its title for `aria-labelledby`; `title` is
/// read by screen readers (the table under the chart holds the same figures).
pub fn bar_chart(id: &str, title: &str, bars: &[Bar], target: Option<&Target>) -> String {
    let top = if target.is_some() { 18.0 } else { 0.0 };
    let height = top + ROW * bars.len() as f64 + 4.0;
    let axis = WIDTH - VALUE_ROOM;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" aria-labelledby="{id}"><title id="{id}">{}</title>"#,
        escape(title)
    );
    if let Some(target) = target {
        let x = target.share.clamp(0.0, 1.0) * axis;
        let anchor = if x > axis / 2.0 { "end" } else { "start" };
        let _ = write!(
            svg,
            r#"<text x="{x:.1}" y="12" fill="{TARGET}" font-size="12" text-anchor="{anchor}">{}</text>"#,
            escape(&target.label)
        );
    }
    for (i, bar) in bars.iter().enumerate() {
        let y = top + ROW * i as f64;
        let length =
            (bar.share.clamp(0.0, 1.0) * axis).max(if bar.share > 0.0 { 1.5 } else { 0.0 });
        let _ = write!(
            svg,
            r#"<text x="0" y="{:.1}" fill="{TEXT}" font-size="13">{}</text><rect x="0" y="{:.1}" width="{length:.1}" height="14" fill="{BAR}"/>"#,
            y + 13.0,
            escape(&bar.label),
            y + 19.0,
        );
        // The target crosses its bar's band only, under the value's white halo.
        if let Some(t) = target.filter(|t| t.bar == i) {
            let x = t.share.clamp(0.0, 1.0) * axis;
            let _ = write!(
                svg,
                r#"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="{TARGET}" stroke-width="2" stroke-dasharray="3 2"/>"#,
                top - 4.0 + ROW * i as f64,
                y + 36.0
            );
        }
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" fill="{TEXT}" font-size="13" font-weight="bold" stroke="white" stroke-width="3" paint-order="stroke">{}</text>"#,
            length + 6.0,
            y + 31.0,
            escape(&bar.value)
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_is_svg_with_its_title_values_and_target() {
        let bars = [
            Bar {
                label: "Nữ <women>".into(),
                value: "57,14%".into(),
                share: 0.5714,
            },
            Bar {
                label: "Ngoài Đảng".into(),
                value: "0,00%".into(),
                share: 0.0,
            },
        ];
        let target = Target {
            bar: 0,
            share: 0.35,
            label: "≥ 35%".into(),
        };
        let svg = bar_chart("c1", "Cơ cấu", &bars, Some(&target));
        let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
        let root = doc.root_element();
        assert_eq!(root.attribute("role"), Some("img"));
        assert_eq!(root.attribute("aria-labelledby"), Some("c1"));
        let texts: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(
            texts,
            ["≥ 35%", "Nữ <women>", "57,14%", "Ngoài Đảng", "0,00%"]
        );
        assert_eq!(
            doc.descendants().filter(|n| n.has_tag_name("line")).count(),
            1
        );
        let widths: Vec<f64> = doc
            .descendants()
            .filter(|n| n.has_tag_name("rect"))
            .map(|n| n.attribute("width").unwrap().parse().unwrap())
            .collect();
        assert!((widths[0] - 0.5714 * 256.0).abs() < 0.1 && widths[1] == 0.0);
    }
}
