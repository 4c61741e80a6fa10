using System;
using System.Collections.Generic;

namespace Acme.Geo
{
    /// <summary>A shape.</summary>
    [Serializable]
    public class Shape : IShape
    {
        private int n;

        public Shape(int n)
        {
            this.n = n;
        }

        /// <summary>Area.</summary>
        public double Area() => 0;

        public int Sides { get; set; }

        public class Nested
        {
            void Deep() { }
        }
    }

    public interface IShape
    {
        double Area();
    }

    public struct Point { public int X; }

    public enum Color { Red, Green }

    public record Person(string Name);
}
