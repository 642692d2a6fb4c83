import { routeParams } from "../../src/report";
import { MarginError } from "../../src/errors";

test("a combined params table goes to every rule set that defines each name", () => {
  const r = routeParams([["Name", "Value"], ["valuationDate", "2026-11-20"], ["houseMultiplier", 1.2], ["nakedRate", 0.25], ["spotOffset", "withSpot"]]);
  expect(r.regt.map(([n]) => n)).toEqual(["valuationDate", "nakedRate"]);
  expect(r.pm.map(([n]) => n)).toEqual(["valuationDate", "houseMultiplier"]);
  expect(r.crypto.map(([n]) => n)).toEqual(["valuationDate", "spotOffset"]);
});

test("a name no rule set knows is an error listing the valid ones", () => {
  expect(() => routeParams([["houseMultiplyer", 1.2]])).toThrow(MarginError);
  expect(() => routeParams([["houseMultiplyer", 1.2]])).toThrow(/unknown parameter 'houseMultiplyer'; valid names: .*houseMultiplier/);
});

test("model goes to every rule set that revalues options; crypto PM's former name optionModel to crypto only", () => {
  const r = routeParams([["model", "BLACK76"], ["optionModel", "bs"]]);
  expect(r.regt).toEqual([]);
  expect(r.pm).toEqual([["model", "BLACK76"]]);
  expect(r.crypto).toEqual([["model", "BLACK76"], ["optionModel", "bs"]]);
});
